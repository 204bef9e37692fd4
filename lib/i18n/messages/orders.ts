export default {
  id: {},
  en: {},
};
