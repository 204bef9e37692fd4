export default {
  id: {
    overview: 'Ringkasan',
    unmatched: 'Transfer belum cocok',
    orders: 'Pesanan',
    mutations: 'Mutasi',
    cashFlow: 'Arus kas',
    revenue: 'Pendapatan',
    webhooks: 'Log webhook',
    settings: 'Pengaturan',
    menu: 'Menu',
  },
  en: {
    overview: 'Overview',
    unmatched: 'Unmatched transfers',
    orders: 'Orders',
    mutations: 'Mutations',
    cashFlow: 'Cash flow',
    revenue: 'Revenue',
    webhooks: 'Webhook log',
    settings: 'Settings',
    menu: 'Menu',
  },
};
