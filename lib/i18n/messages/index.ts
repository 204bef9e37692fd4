import type { Locale } from '@/lib/i18n/locales';
import type { MessageTree } from '@/lib/i18n/translate';
import auth from './auth';
import cashFlow from './cashFlow';
import common from './common';
import errors from './errors';
import mutations from './mutations';
import nav from './nav';
import orders from './orders';
import overview from './overview';
import revenue from './revenue';
import settings from './settings';
import unmatched from './unmatched';
import webhooks from './webhooks';

const AREAS = { auth, cashFlow, common, errors, mutations, nav, orders, overview, revenue, settings, unmatched, webhooks };

/** Every string of the dashboard, per language, under its area: `t('orders.title')`. */
export const MESSAGES: Record<Locale, MessageTree> = {
  id: Object.fromEntries(Object.entries(AREAS).map(([area, messages]) => [area, messages.id as MessageTree])),
  en: Object.fromEntries(Object.entries(AREAS).map(([area, messages]) => [area, messages.en as MessageTree])),
};
