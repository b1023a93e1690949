// The app on the lab's real Active Directory (Samba AD DC), through the connect dialog, as a person
// would use it. Needs the lab (started by the global setup); in CI a missing lab fails the run.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readLabInfo, type LabInfo } from './lab/labInfo.ts';
import { expect, test } from './fixtures.ts';

function requireLab(): LabInfo {
  const lab = process.env.ADDRESSDESK_LAB === 'missing' ? null : readLabInfo();
  if (!lab) throw new Error(`The test lab is not running (${process.env.ADDRESSDESK_LAB_REASON ?? '.lab/lab.json missing'}): run "npm run lab:up" as root.`);
  return lab;
}

/** proxyAddresses as an independent client (OpenLDAP's ldapsearch) reads them. */
function ldapsearchProxyAddresses(lab: LabInfo, dn: string): string[] {
  const output = execFileSync(
    'ldapsearch',
    ['-LLL', '-o', 'ldif-wrap=no', '-H', `ldaps://${lab.dc.address}:${lab.dc.ldapsPort}`, '-x', '-D', lab.admin.upn, '-w', lab.admin.password, '-b', dn, '-s', 'base', '(objectClass=*)', 'proxyAddresses'],
    { env: { ...process.env, LDAPTLS_CACERT: lab.dc.caCertPath, LDAPTLS_REQCERT: 'allow' }, encoding: 'utf8' },
  );
  return output
    .split('\n')
    .filter((line) => line.startsWith('proxyAddresses'))
    .map((line) => (line.startsWith('proxyAddresses:: ') ? Buffer.from(line.slice(17), 'base64').toString('utf8') : line.slice('proxyAddresses: '.length)));
}

test('connects to the lab directory and shows the same addresses ldapsearch shows', async ({ app }) => {
  const lab = requireLab();
  const userDn = lab.users.collidingUserDns[0];
  const displayName = /^CN=([^,]+)/.exec(userDn)![1]!;

  await app.getByRole('button', { name: 'Connect…' }).click();
  const dialog = app.getByRole('dialog', { name: 'Connect to a directory' });
  await dialog.getByLabel('Domain', { exact: true }).fill(lab.domain);
  await dialog.getByLabel('Domain controller').fill(lab.dc.fqdn);
  await dialog.getByLabel('Server address').fill(lab.dc.address);
  await dialog.getByLabel('User name').fill(lab.helpdesk.upn);
  await dialog.getByLabel('Password').fill(lab.helpdesk.password);
  await dialog.getByLabel('Trusted certificate authority (PEM)').fill(readFileSync(lab.dc.caCertPath, 'utf8'));

  await dialog.getByRole('button', { name: 'Test' }).click();
  for (const check of ['tcp', 'tls', 'bind', 'rootDse']) {
    await expect(dialog.locator(`[data-check="${check}"]`)).toHaveAttribute('data-status', 'ok', { timeout: 20_000 });
  }
  await dialog.getByRole('button', { name: 'Connect' }).click();
  await expect(dialog).toBeHidden({ timeout: 20_000 });
  await expect(app.getByTestId('directory-status')).not.toHaveText('Connected to: Training directory');

  await app.getByLabel('Find users').fill(displayName);
  await app.getByRole('button', { name: 'Find Now' }).click();
  await app.getByRole('row', { name: new RegExp(`^${displayName}`) }).first().dblclick();
  const properties = app.getByRole('dialog', { name: `${displayName} Properties` });
  const expected = ldapsearchProxyAddresses(lab, userDn);
  expect(expected.length).toBeGreaterThan(0);
  await expect(properties.locator('tr[data-address]')).toHaveCount(expected.length);
  for (const raw of expected) await expect(properties.locator(`tr[data-address="${raw}"]`)).toBeVisible();
});

test('a wrong password is named as such and nothing connects', async ({ app }) => {
  const lab = requireLab();
  await app.getByRole('button', { name: 'Connect…' }).click();
  const dialog = app.getByRole('dialog', { name: 'Connect to a directory' });
  await dialog.getByLabel('Domain controller').fill(lab.dc.fqdn);
  await dialog.getByLabel('Server address').fill(lab.dc.address);
  await dialog.getByLabel('User name').fill(lab.helpdesk.upn);
  await dialog.getByLabel('Password').fill('not-the-password');
  await dialog.getByLabel('Trusted certificate authority (PEM)').fill(readFileSync(lab.dc.caCertPath, 'utf8'));
  await dialog.getByRole('button', { name: 'Test' }).click();
  await expect(dialog.locator('[data-check="bind"]')).toHaveAttribute('data-status', 'failed', { timeout: 20_000 });
  await expect(dialog.getByText(/password/i).first()).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(app.getByTestId('directory-status')).toHaveText('Connected to: Training directory');
});
