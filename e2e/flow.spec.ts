// The validation flow as the app shows it (browser shell, Training directory): the original's eight
// steps with per-server lines, the "on the wire" panel, the original dialogs verbatim with
// AddressDesk's explanation, Direct mode, and the Validation settings. Every test reads the
// directory afterwards through the page's Api to prove what was (or was not) stored.
import type { Locator, Page } from '@playwright/test';
import { join } from 'node:path';
import { workflowSteps, type TrainingScenario } from '../shared/model/workflow.ts';
import { addSmtp, expect, openUser, readUser, test } from './fixtures.ts';

const JANE = 'CN=Jane Doe,OU=Helpdesk,DC=corp,DC=example,DC=test';
const HELPDESK_MAILBOX = 'CN=Helpdesk Mailbox,OU=Helpdesk,DC=corp,DC=example,DC=test';
const COMPONENT = 'Microsoft Active Directory - Exchange Extension';
/** Set FLOW_SCREENSHOT_DIR (e.g. /tmp) to keep screenshots of the progress and of a dialog. */
const SCREENSHOTS = process.env.FLOW_SCREENSHOT_DIR;

/** Waits for Fluent's open animations to end, so a screenshot shows the settled layout. */
async function settled(locator: Locator): Promise<void> {
  await locator.evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished)));
}

async function openSettings(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Settings…' }).click();
  const settings = page.getByRole('dialog', { name: 'Validation settings' });
  await expect(settings.getByRole('radio', { name: /^Original flow/ })).toBeVisible();
  return settings;
}

async function saveSettings(settings: Locator): Promise<void> {
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect(settings).toBeHidden();
}

async function chooseScenario(page: Page, scenario: TrainingScenario): Promise<void> {
  const settings = await openSettings(page);
  await settings.getByLabel('Training directory: what the Exchange servers do').selectOption(scenario);
  await saveSettings(settings);
}

const progress = (dialog: Locator) => dialog.getByRole('list', { name: 'Apply progress' });
const flowStep = (dialog: Locator, step: string) => progress(dialog).locator(`li[data-step="${step}"]`);
const serverLine = (dialog: Locator, step: string, server: string) => flowStep(dialog, step).locator(`li[data-server="${server}"]`);

/** Records, in the page, the order in which the flow's steps first show as done. */
async function recordCompletionOrder(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { flowDoneOrder: string[] }).flowDoneOrder = seen;
    const scan = () => {
      const items = document.querySelectorAll<HTMLElement>('ol[aria-label="Apply progress"] > li[data-step]');
      for (let i = 0; i < items.length; i++) {
        const li = items[i]!;
        const step = li.dataset.step!;
        if (li.dataset.state === 'done' && !seen.includes(step)) seen.push(step);
      }
    };
    new MutationObserver(scan).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
  });
}

test('applying a new address runs the eight steps in order on EXCH02, the oldest, and shows the wire', async ({ app, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const dialog = await openUser(app, 'Jane Doe', 'Jane Doe');
  await addSmtp(app, dialog, 'flow.one@corp.example.test');
  await recordCompletionOrder(app);
  await dialog.getByRole('button', { name: 'Apply' }).click();
  // The trainer opens the wire while the flow runs.
  await dialog.getByRole('button', { name: 'Show what happens on the wire' }).click();
  await expect(flowStep(dialog, 'write')).toHaveAttribute('data-state', 'done');

  const order = await app.evaluate(() => (window as unknown as { flowDoneOrder: string[] }).flowDoneOrder);
  expect(order).toEqual([...workflowSteps]);
  await expect(progress(dialog).locator(':scope > li')).toHaveCount(8);
  for (const [i, step] of workflowSteps.entries()) {
    await expect(progress(dialog).locator(':scope > li').nth(i)).toHaveAttribute('data-step', step);
    await expect(flowStep(dialog, step)).toHaveAttribute('data-state', 'done');
  }
  // EXCH02 is asked first and chosen; the younger servers are not needed.
  await expect(flowStep(dialog, 'ping').locator('li[data-server]').first()).toHaveAttribute('data-server', 'EXCH02');
  await expect(serverLine(dialog, 'scm', 'EXCH02')).toContainText('SERVICE_RUNNING');
  await expect(serverLine(dialog, 'systemAttendant', 'EXCH02')).toHaveAttribute('data-state', 'done');
  await expect(serverLine(dialog, 'systemAttendant', 'EXCH02')).toContainText('Bind accepted on TCP 4560');
  await expect(serverLine(dialog, 'systemAttendant', 'EXCH01')).toHaveAttribute('data-state', 'skipped');
  await expect(flowStep(dialog, 'orderServers')).toContainText(/EXCH02.*EXCH01.*EXCH03/);

  // The seed's SVCCTL and EPM lines, in its NetMon style.
  const wire = dialog.getByRole('log', { name: 'On the wire' });
  await expect(wire).toContainText('Client to Server SVCCTL SVCCTL: ROpenSCManagerW Request, Machine=\\\\EXCH02 Database=NULL Access=0x00000004');
  await expect(wire).toContainText('Client to Server SVCCTL SVCCTL: ROpenServiceW Request, ServiceName=MSExchangeSA DesiredAccess=0x00000004');
  await expect(wire).toContainText('Server to Client SVCCTL SVCCTL: RQueryServiceStatus Response, State=0x00000004: SERVICE_RUNNING, Status = ERROR_SUCCESS');
  await expect(wire).toContainText('Client to Server MSRPC MSRPC: c/o Bind: UUID{E1AF8308-5D1F-11C9-91A4-08002B14A0FA} Endpoint Mapper Call=0x1 Assoc Grp=0x0 Xmit=0x16D0 Recv=0x16D0');
  await expect(wire).toContainText('Client to Server EPM EPM: Request: ept_map: NDR');
  await expect(wire).toContainText(/Server to Client EPM EPM: Response: ept_map: .*:4560 \(0x11D0\) \[4560\]/);
  await expect(wire).toHaveCSS('font-family', /mono|Consolas|Courier/i);

  await dialog.getByRole('button', { name: 'Copy' }).click();
  await expect(dialog.getByRole('button', { name: 'Copied' })).toBeVisible();
  const copied = await app.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('Client to Server SVCCTL SVCCTL: ROpenSCManagerW Request, Machine=\\\\EXCH02');
  await expect(app.getByTestId('flow-announcement')).toHaveText(/Write: done\./);
  if (SCREENSHOTS) {
    await app.setViewportSize({ width: 1280, height: 1500 });
    await settled(dialog);
    await dialog.screenshot({ path: join(SCREENSHOTS, 'flow-progress-wire.png') });
  }

  expect((await readUser(app, JANE)).proxyAddresses).toContain('smtp:flow.one@corp.example.test');
});

test("EXCH02's System Attendant stopped: the flow goes on to the next oldest server, EXCH01", async ({ app }) => {
  await chooseScenario(app, 'saStopped');
  const dialog = await openUser(app, 'Jane Doe', 'Jane Doe');
  await addSmtp(app, dialog, 'flow.failover@corp.example.test');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(flowStep(dialog, 'write')).toHaveAttribute('data-state', 'done');

  const stopped = serverLine(dialog, 'scm', 'EXCH02');
  await expect(stopped).toHaveAttribute('data-state', 'failed');
  await expect(stopped).toContainText('SERVICE_STOPPED');
  await expect(stopped).toContainText('→ next server');
  await expect(serverLine(dialog, 'endpointMapper', 'EXCH02')).toHaveAttribute('data-state', 'skipped');
  await expect(serverLine(dialog, 'scm', 'EXCH01')).toHaveAttribute('data-state', 'done');
  await expect(serverLine(dialog, 'systemAttendant', 'EXCH01')).toHaveAttribute('data-state', 'done');
  await expect(flowStep(dialog, 'scm')).toHaveAttribute('data-state', 'done');
  expect((await readUser(app, JANE)).proxyAddresses).toContain('smtp:flow.failover@corp.example.test');
});

test('an address another user holds shows c10312e7 verbatim, names the holder, and writes nothing', async ({ app }) => {
  const before = await readUser(app, JANE);
  const holderBefore = await readUser(app, HELPDESK_MAILBOX);
  const dialog = await openUser(app, 'Jane Doe', 'Jane Doe');
  await addSmtp(app, dialog, 'support@corp.example.test');
  await dialog.getByRole('button', { name: 'Apply' }).click();

  const original = app.getByRole('alertdialog', { name: COMPONENT });
  await expect(original).toBeVisible();
  const box = original.getByTestId('original-message');
  await expect(box).toHaveText(/^✕\s*This e-mail address already exists in this organization\.\s*ID no: c10312e7\s*OK$/);
  await expect(box).not.toContainText('Facility');
  const found = original.getByRole('region', { name: 'What AddressDesk found' });
  await expect(found).toContainText('Helpdesk Mailbox');
  await expect(found).toContainText(HELPDESK_MAILBOX);
  await expect(found).toContainText('Nothing was written: the directory is as it was.');
  if (SCREENSHOTS) {
    await settled(original);
    await app.screenshot({ path: join(SCREENSHOTS, 'flow-original-dialog-c10312e7.png') });
  }

  await original.getByRole('button', { name: 'OK' }).click();
  await expect(original).toBeHidden();
  await expect(flowStep(dialog, 'globalCatalog')).toHaveAttribute('data-state', 'failed');
  await expect(flowStep(dialog, 'write')).toHaveAttribute('data-state', 'skipped');
  await expect(dialog.getByTestId('apply-error')).toContainText('Nothing was written');
  // The original's message can be shown again from the error bar.
  await dialog.getByRole('button', { name: 'Show the original message (c10312e7)' }).click();
  await expect(original).toBeVisible();
  await original.getByRole('button', { name: 'OK' }).click();

  expect(await readUser(app, JANE)).toEqual(before);
  expect(await readUser(app, HELPDESK_MAILBOX)).toEqual(holderBefore);
});

test('System Attendant not registered: c00706d9 with its Facility line, no other server tried, nothing written', async ({ app }) => {
  await chooseScenario(app, 'endpointMissing');
  const before = await readUser(app, JANE);
  const dialog = await openUser(app, 'Jane Doe', 'Jane Doe');
  await addSmtp(app, dialog, 'flow.endpoint@corp.example.test');
  await dialog.getByRole('button', { name: 'Apply' }).click();

  const original = app.getByRole('alertdialog', { name: COMPONENT });
  await expect(original.getByTestId('original-message')).toHaveText(
    /^✕\s*There are no more endpoints available from the endpoint mapper\.\s*Facility: Win32\s*ID no: c00706d9\s*OK$/,
  );
  await expect(original.getByRole('region', { name: 'What AddressDesk found' })).toContainText('EXCH02');
  if (SCREENSHOTS) {
    await settled(original);
    await app.screenshot({ path: join(SCREENSHOTS, 'flow-original-dialog-c00706d9.png') });
  }
  await original.getByRole('button', { name: 'OK' }).click();
  await expect(serverLine(dialog, 'endpointMapper', 'EXCH02')).toHaveAttribute('data-state', 'failed');
  await expect(flowStep(dialog, 'endpointMapper').locator('li[data-server="EXCH01"]')).not.toHaveAttribute('data-state', 'done');
  expect(await readUser(app, JANE)).toEqual(before);
});

test('no Exchange server answers: c10308a2 on two lines as the original, every server tried, nothing written', async ({ app }) => {
  await chooseScenario(app, 'noServer');
  const before = await readUser(app, JANE);
  const dialog = await openUser(app, 'Jane Doe', 'Jane Doe');
  await addSmtp(app, dialog, 'flow.noserver@corp.example.test');
  await dialog.getByRole('button', { name: 'Apply' }).click();

  const original = app.getByRole('alertdialog', { name: COMPONENT });
  const text = await original.getByTestId('original-message').innerText();
  expect(text).toContain('An Exchange server could not be found in the domain.\nCheck if the Microsoft System Attendant service is running on the Exchange Server.');
  expect(text).toContain('ID no: c10308a2');
  await original.getByRole('button', { name: 'OK' }).click();
  for (const server of ['EXCH02', 'EXCH01', 'EXCH03']) await expect(serverLine(dialog, 'ping', server)).toHaveAttribute('data-state', 'failed');
  await expect(flowStep(dialog, 'ping')).toHaveAttribute('data-state', 'failed');
  await expect(flowStep(dialog, 'write')).toHaveAttribute('data-state', 'skipped');
  expect(await readUser(app, JANE)).toEqual(before);
});

test('Direct mode skips steps 1–6 with the reason and still writes', async ({ app }) => {
  const settings = await openSettings(app);
  await settings.getByRole('radio', { name: /^Direct: no Exchange server needed/ }).check();
  await saveSettings(settings);
  const dialog = await openUser(app, 'Jane Doe', 'Jane Doe');
  await addSmtp(app, dialog, 'flow.direct@corp.example.test');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(flowStep(dialog, 'write')).toHaveAttribute('data-state', 'done');

  for (const step of workflowSteps.slice(0, 6)) {
    await expect(flowStep(dialog, step)).toHaveAttribute('data-state', 'skipped');
    await expect(flowStep(dialog, step)).toContainText('Direct mode: no Exchange server needed');
  }
  await expect(flowStep(dialog, 'globalCatalog')).toHaveAttribute('data-state', 'done');
  await expect(progress(dialog).locator('li[data-server]')).toHaveCount(0);
  expect((await readUser(app, JANE)).proxyAddresses).toContain('smtp:flow.direct@corp.example.test');
});

test('the Validation settings survive a reload of the page', async ({ app }) => {
  let settings = await openSettings(app);
  await settings.getByRole('radio', { name: /^Sequential/ }).check();
  await settings.getByRole('combobox', { name: 'Preferred Exchange server (KB 895668)' }).click();
  await app.getByRole('option', { name: /^EXCH03 / }).click();
  await settings.getByLabel('Static System Attendant ports (KB 270836)').fill('EXCH01=4560');
  await settings.getByLabel('Ping timeout (ms)').fill('50');
  await settings.getByRole('button', { name: 'Save' }).click();
  // A value out of range is refused with its rule, and nothing is saved.
  await expect(settings).toContainText('from 100 to 30000');
  await settings.getByLabel('Ping timeout (ms)').fill('750');
  await settings.getByLabel('Training directory: what the Exchange servers do').selectOption('noPing');
  if (SCREENSHOTS) {
    await settled(settings);
    await app.screenshot({ path: join(SCREENSHOTS, 'flow-settings.png') });
  }
  await saveSettings(settings);

  await app.reload();
  await expect(app.getByTestId('directory-status')).toHaveText(/Connected to: /);
  settings = await openSettings(app);
  await expect(settings.getByRole('radio', { name: /^Sequential/ })).toBeChecked();
  await expect(settings.getByRole('radio', { name: /^Original flow/ })).toBeChecked();
  await expect(settings.getByRole('combobox', { name: 'Preferred Exchange server (KB 895668)' })).toHaveValue('EXCH03');
  await expect(settings.getByLabel('Static System Attendant ports (KB 270836)')).toHaveValue('EXCH01=4560');
  await expect(settings.getByLabel('Ping timeout (ms)')).toHaveValue('750');
  await expect(settings.getByLabel('Training directory: what the Exchange servers do')).toHaveValue('noPing');
  const stored = await app.evaluate(async () => window.api!.getWorkflowSettings({}));
  expect(stored).toMatchObject({ ok: true, value: { failover: 'sequential', preferredServer: 'EXCH03', saStaticPorts: { EXCH01: 4560 }, pingTimeoutMs: 750, trainingScenario: 'noPing' } });
  await settings.getByRole('button', { name: 'Cancel' }).click();
  await expect(settings).toBeHidden();
});
