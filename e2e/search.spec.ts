import { expect, openUser, readUser, test } from './fixtures.ts';

const JANE = 'CN=Jane Doe,OU=Helpdesk,DC=corp,DC=example,DC=test';

test('shows the Training directory in the status bar', async ({ app }) => {
  await expect(app.getByTestId('directory-status')).toHaveText('Connected to: Training directory');
});

test('finds a user by name, account, mail and proxy address', async ({ app }) => {
  const search = app.getByLabel('Find users');
  const grid = app.getByRole('grid', { name: 'Search results' });
  const cases: Array<[query: string, expected: string]> = [
    ['Jane Doe', 'Jane Doe'],
    ['jdoe2', 'Jane Doe'],
    ['jane.doe@corp', 'Jane Doe'],
    ['x500:/o=corp/ou=first administrative group/cn=recipients/cn=aturing', 'Alan Turing'],
  ];
  for (const [query, expected] of cases) {
    await search.fill(query);
    await app.getByRole('button', { name: 'Find Now' }).click();
    await expect(grid.getByRole('row').nth(1), `query ${query}`).toContainText(expected);
    await expect(grid.getByRole('row')).toHaveCount(2);
  }
  await search.fill('jdoe2');
  await app.getByRole('button', { name: 'Find Now' }).click();
  await expect(grid.getByRole('row', { name: /Jane Doe/ })).toContainText('corp.example.test/Helpdesk');
});

test('says so when nothing matches', async ({ app }) => {
  await app.getByLabel('Find users').fill('nobody-by-this-name');
  await app.getByRole('button', { name: 'Find Now' }).click();
  await expect(app.getByText('No users match.')).toBeVisible();
});

test("opens the E-mail Addresses tab with the seeded addresses, primaries in bold", async ({ app }) => {
  const stored = await readUser(app, JANE);
  const dialog = await openUser(app, 'jane.doe@', 'Jane Doe');
  await expect(dialog.getByRole('tab', { name: 'E-mail Addresses', selected: true })).toBeVisible();
  const rows = dialog.locator('tr[data-address]');
  await expect(rows).toHaveCount(stored.proxyAddresses.length);
  // Grouped like the original: the SMTP primary first, then the other SMTP addresses, then X400 ...
  await expect(rows.first()).toHaveAttribute('data-address', 'SMTP:jane.doe@corp.example.test');
  for (const raw of stored.proxyAddresses) {
    const row = dialog.locator(`tr[data-address="${raw}"]`);
    await expect(row).toBeVisible();
    const weight = await row.locator('td').last().evaluate((cell) => Number(getComputedStyle(cell).fontWeight));
    const isPrimary = raw.split(':')[0] === raw.split(':')[0]!.toUpperCase();
    expect(weight >= 600, `${raw} bold=${weight}`).toBe(isPrimary);
  }
  await expect(dialog.getByRole('checkbox', { name: 'Automatically update e-mail addresses based on recipient policy' })).toBeChecked();
});

test('the policy checkbox is unticked for a user excluded from recipient policy', async ({ app }) => {
  const dialog = await openUser(app, 'helpdesk@', 'Helpdesk Mailbox');
  await expect(dialog.getByRole('checkbox', { name: 'Automatically update e-mail addresses based on recipient policy' })).not.toBeChecked();
});

test('the WebSocket refuses a page without the launch token', async ({ page, shell }) => {
  const origin = new URL(shell.url).origin;
  await page.goto(`${origin}/`);
  await expect(page.getByTestId('directory-status')).toHaveText(/Connecting|refused/);
  const result = await page.evaluate(async () => window.api!.getAppInfo({}));
  expect(result).toMatchObject({ ok: false, error: { kind: 'connect' } });
});

test('serves the Content-Security-Policy of the desktop window', async ({ page, shell }) => {
  const response = await page.goto(shell.url);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
});
