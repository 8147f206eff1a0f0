// Allure Report 3 (npm package "allure", no Java): `npm run report` renders allure-results/ into allure-report/.
export default {
  name: 'Site security scan',
  output: './allure-report',
};
