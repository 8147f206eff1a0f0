// The test credentials of the lab's shops (and the bearer token of its APIs). The bundled sites.json reads them as ${VAR}s, so the
// scan of the lab treats them as secrets exactly as it would treat a user's; when the lab runs,
// playwright.config.ts supplies these values for the variables that are not set.
export const LAB_ENV = {
  LAB_SHOP_USER: 'lab-shopper@shop.lab.test',
  LAB_SHOP_PASSWORD: 'Lab-Passw0rd-7yq3',
  LAB_TEST_CARD: '4111111111111111',
  LAB_IDP_USER: 'lab-sso-user',
  LAB_IDP_PASSWORD: 'Lab-Idp-Secret-2kz9',
  LAB_API_TOKEN: 'lab-api-token-4fq8w',
} as const;

/** A lab credential: the environment's value when set (a test may choose its own), else the default. */
export const labCredential = (name: keyof typeof LAB_ENV): string => process.env[name] || LAB_ENV[name];

/** Sets each lab variable the environment does not already set. */
export function supplyLabEnv(env: NodeJS.ProcessEnv = process.env): void {
  for (const [name, value] of Object.entries(LAB_ENV)) env[name] ??= value;
}
