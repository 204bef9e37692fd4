// One line per message area: the area's name is the first part of its keys (`t('orders.title')`).
export { default as accounts } from './accounts';
export { default as auth } from './auth';
export { default as cashFlow } from './cashFlow';
export { default as common } from './common';
export { default as differences } from './differences';
export { default as errors } from './errors';
export { default as mutations } from './mutations';
export { default as nav } from './nav';
export { default as orders } from './orders';
export { default as overview } from './overview';
export { default as pay } from './pay';
export { default as revenue } from './revenue';
export { default as sandbox } from './sandbox';
export { default as settings } from './settings';
export { default as statements } from './statements';
export { default as unmatched } from './unmatched';
export { default as webhooks } from './webhooks';
