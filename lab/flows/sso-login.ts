// The lab shop's single sign-on, as a flow script: what a team would write (or record with
// `npx playwright codegen`) when declarative steps are not enough. The identity provider is
// on another host, which the flow lists in allowHosts so the secrets may be typed there.
import type { FlowScriptArgs } from '../../src/driving/flow-script.ts';

export default async function ssoLogin({ page, secrets, site }: FlowScriptArgs): Promise<void> {
  await page.goto(new URL('/sso', site.url).href);
  await page.locator('#idp-user').fill(secrets.user!);
  await page.locator('#idp-password').fill(secrets.password!);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL('**/welcome**');
  await page.goto(new URL('/orders', site.url).href);
}
