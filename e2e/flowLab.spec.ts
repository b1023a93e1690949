// The validation flow in the app against the lab's real servers: connect through the dialog as the
// lab's administrator, apply a new address, and see the eight steps run on the real EXCH02 (the
// oldest), with the real SVCCTL and EPM packets in the wire panel. Checked with OpenLDAP's
// ldapsearch and undone afterwards. Needs the lab (the global setup starts it); flips no fault, so
// other lab tests flipping faults at the same time can disturb it: run lab files one at a time.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ldapmodify, ldapsearch, valuesOf } from './bench/openldap.ts';
import { expect, test } from './fixtures.ts';
import { requireLab } from './lab/lab.ts';
import type { LabInfo } from './lab/labInfo.ts';

const NEW_ADDRESS = 'smtp:flow.ui.lab@corp.example.test';

/** A plain Finance user that the workflow's lab test does not use (it takes the first). */
function pickUser(lab: LabInfo): string {
  const special = new Set([...lab.users.collidingUserDns, lab.users.rangeUserDn, ...(lab.users.policyExcludedUserDns ?? [])].map((d) => d.toLowerCase()));
  const finance = lab.users.ouDns.find((d) => d.startsWith('OU=Finance')) ?? lab.users.ouDns[0]!;
  const candidates = ldapsearch(lab, 'admin', finance, '(&(objectClass=user)(proxyAddresses=*))', ['dn'], { scope: 'one' })
    .map((e) => e.dn)
    .filter((d) => !special.has(d.toLowerCase()))
    .sort();
  return candidates.at(-1)!;
}

test('on the lab: the eight steps run on the real EXCH02 and the wire shows its SVCCTL and EPM packets', async ({ app }) => {
  test.setTimeout(120_000);
  const lab = requireLab();
  const userDn = pickUser(lab);
  const displayName = /^CN=([^,]+)/.exec(userDn)![1]!.replace(/\\(.)/g, '$1');
  const original = valuesOf(lab, userDn, 'proxyAddresses');
  expect(original.map((v) => v.toLowerCase())).not.toContain(NEW_ADDRESS);

  try {
    await app.getByRole('button', { name: 'Connect…' }).click();
    const connect = app.getByRole('dialog', { name: 'Connect to a directory' });
    await connect.getByLabel('Domain', { exact: true }).fill(lab.domain);
    await connect.getByLabel('Domain controller').fill(lab.dc.fqdn);
    await connect.getByLabel('Server address').fill(lab.dc.address);
    if (lab.dc.dns) await connect.getByLabel('DNS server').fill(`${lab.dc.dns.address}:${lab.dc.dns.port}`);
    await connect.getByLabel('User name').fill(lab.admin.upn);
    await connect.getByLabel('Password').fill(lab.admin.password);
    await connect.getByLabel('Trusted certificate authority (PEM)').fill(readFileSync(lab.dc.caCertPath, 'utf8'));
    await connect.getByRole('button', { name: 'Connect' }).click();
    await expect(connect).toBeHidden({ timeout: 20_000 });
    await expect(app.getByTestId('directory-status')).not.toHaveText('Connected to: Training directory');

    await app.getByLabel('Find users').fill(displayName);
    await app.getByRole('button', { name: 'Find Now' }).click();
    await app.getByRole('row', { name: new RegExp(`^${displayName}`) }).first().dblclick();
    const dialog = app.getByRole('dialog', { name: `${displayName} Properties` });
    await expect(dialog.locator('tr[data-address]').first()).toBeVisible();

    await dialog.getByRole('button', { name: 'New...' }).click();
    const chooser = app.getByRole('dialog', { name: 'New E-mail Address' });
    await chooser.getByRole('radio', { name: 'SMTP Address' }).check();
    await chooser.getByRole('button', { name: 'OK' }).click();
    const smtp = app.getByRole('dialog', { name: 'Internet Address Properties' });
    await smtp.getByLabel('E-mail address').fill(NEW_ADDRESS.slice('smtp:'.length));
    await smtp.getByRole('button', { name: 'OK' }).click();
    await dialog.getByRole('button', { name: 'Apply' }).click();
    await dialog.getByRole('button', { name: 'Show what happens on the wire' }).click();

    const progress = dialog.getByRole('list', { name: 'Apply progress' });
    await expect(progress.locator('li[data-step="write"]')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    for (const step of ['findServers', 'orderServers', 'ping', 'scm', 'endpointMapper', 'systemAttendant', 'globalCatalog', 'write']) {
      await expect(progress.locator(`li[data-step="${step}"]`)).toHaveAttribute('data-state', 'done');
    }
    await expect(progress.locator('li[data-step="systemAttendant"] li[data-server="EXCH02"]')).toHaveAttribute('data-state', 'done');
    const wire = dialog.getByRole('log', { name: 'On the wire' });
    await expect(wire).toContainText(/Client to Server SVCCTL SVCCTL: ROpenSCManagerW Request, Machine=\S+ Database=NULL Access=0x00000004/);
    await expect(wire).toContainText('Client to Server SVCCTL SVCCTL: ROpenServiceW Request, ServiceName=MSExchangeSA');
    await expect(wire).toContainText('RQueryServiceStatus Response, State=0x00000004: SERVICE_RUNNING');
    await expect(wire).toContainText('UUID{E1AF8308-5D1F-11C9-91A4-08002B14A0FA}');
    await expect(wire).toContainText(/Server to Client EPM EPM: Response: ept_map: .*10\.250\.0\.12:\d+/);
    if (process.env.FLOW_SCREENSHOT_DIR) {
      await app.setViewportSize({ width: 1280, height: 1500 });
      await dialog.screenshot({ path: join(process.env.FLOW_SCREENSHOT_DIR, 'flow-lab-progress-wire.png') });
    }

    expect(valuesOf(lab, userDn, 'proxyAddresses').map((v) => v.toLowerCase())).toContain(NEW_ADDRESS);
  } finally {
    const now = valuesOf(lab, userDn, 'proxyAddresses');
    if ([...now].sort().join('\n') !== [...original].sort().join('\n')) {
      const r = ldapmodify(lab, 'admin', `dn: ${userDn}\nchangetype: modify\nreplace: proxyAddresses\n${original.map((v) => `proxyAddresses: ${v}`).join('\n')}\n-\n`);
      expect(r.status, r.stderr).toBe(0);
    }
  }
});
