// Allure Report 3 (npm package "allure", no Java): `npm run report` renders allure-results/ into
// allure-report/. History: each generation appends the run to historyPath, and the report
// shows every test's trend over the runs kept there (ALLURE_HISTORY_PATH moves it); CI keeps the file between
// runs in its cache.
import { ALLURE_CATEGORIES } from './src/report/allure-categories.ts';

export default {
  name: 'Site security scan',
  output: './allure-report',
  historyPath: process.env.ALLURE_HISTORY_PATH || './allure-history/history.jsonl',
  categories: ALLURE_CATEGORIES,
};
