import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Dropdown,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Option,
  Radio,
  RadioGroup,
  Spinner,
  Text,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import type { ConnectionCheck, ConnectionTestReport } from '../../../shared/model/connectionTest.ts';
import type { TlsMode } from '../../../shared/model/connectionProfile.ts';
import { useConnectionStore, type ProfileForm } from './connectionStore.ts';

const useStyles = makeStyles({
  surface: { width: '720px', maxWidth: '95vw' },
  grid: { display: 'grid', gridTemplateColumns: '1fr 1fr', gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}` },
  wide: { gridColumn: '1 / -1' },
  checks: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  ok: { color: tokens.colorPaletteGreenForeground1 },
  failed: { color: tokens.colorPaletteRedForeground1 },
  skipped: { color: tokens.colorNeutralForeground3 },
  mono: { fontFamily: tokens.fontFamilyMonospace, wordBreak: 'break-all' },
});

const CHECK_TITLES: Record<ConnectionCheck['check'], string> = {
  dns: 'Name lookup',
  tcp: 'Port reachable',
  tls: 'TLS certificate',
  bind: 'Sign-in',
  rootDse: 'Directory information',
};

const TLS_LABELS: Record<TlsMode, string> = {
  ldaps: 'LDAPS (636 / Global Catalog 3269)',
  starttls: 'StartTLS (389 / Global Catalog 3268)',
  none: 'Plain LDAP (unencrypted)',
};

function TestReport({ report }: { report: ConnectionTestReport }) {
  const styles = useStyles();
  const failed = report.checks.find((c) => c.status === 'failed');
  return (
    <section aria-label="Connection test">
      <ul className={styles.checks}>
        {report.checks.map((check) => (
          <li key={check.check} className={styles[check.status]} data-check={check.check} data-status={check.status}>
            <Text weight="semibold">{CHECK_TITLES[check.check]}:</Text> {check.status === 'ok' ? '✓' : check.status === 'failed' ? '✗' : '–'} {check.detail}
          </li>
        ))}
      </ul>
      {failed?.error && (
        <MessageBar intent="error">
          <MessageBarBody>
            <MessageBarTitle>{failed.error.message}</MessageBarTitle>
            {failed.error.hint}
          </MessageBarBody>
        </MessageBar>
      )}
      {report.certificate && (failed?.check === 'tls' || report.certificate.selfSigned) && (
        <MessageBar intent={failed?.check === 'tls' ? 'warning' : 'info'}>
          <MessageBarBody>
            <MessageBarTitle>Server certificate</MessageBarTitle>
            <div>Subject: {report.certificate.subject}</div>
            <div>Issuer: {report.certificate.issuer}</div>
            <div className={styles.mono}>SHA-256: {report.certificate.sha256}</div>
          </MessageBarBody>
        </MessageBar>
      )}
      {report.ok && (
        <MessageBar intent="success">
          <MessageBarBody>
            Connected to {report.rootDse?.dnsHostName ?? report.endpoint?.host}; domain {report.rootDse?.defaultNamingContext}.
          </MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}

export function ConnectDialog() {
  const styles = useStyles();
  const state = useConnectionStore();
  const { form, fieldChanged } = state;
  const text = (field: keyof ProfileForm) => ({
    value: String(form[field]),
    onChange: (_: unknown, data: { value: string }) => fieldChanged(field, data.value as never),
  });
  const canSubmit = form.user.trim() !== '' && (form.domain.trim() !== '' || form.dcHost.trim() !== '') && state.busy === null;

  return (
    <Dialog open={state.open} onOpenChange={(_, data) => !data.open && state.dialogClosed()}>
      <DialogSurface className={styles.surface} aria-label="Connect to a directory">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (canSubmit) void state.connectRequested();
          }}
        >
          <DialogBody>
            <DialogTitle>Connect to a directory</DialogTitle>
            <DialogContent>
              <div className={styles.grid}>
                {state.saved.length > 0 && (
                  <Field label="Saved connections" className={styles.wide}>
                    <Dropdown placeholder="Choose a saved connection" onOptionSelect={(_, data) => data.optionValue && state.savedProfileChosen(data.optionValue)}>
                      {state.saved.map((p) => (
                        <Option key={p.name} value={p.name}>
                          {p.name}
                        </Option>
                      ))}
                    </Dropdown>
                  </Field>
                )}
                <Field label="Domain" hint="Domain controllers are found through DNS when no server is given">
                  <Input {...text('domain')} placeholder="corp.example.com" />
                </Field>
                <Field label="Domain controller" hint="Optional: a specific server">
                  <Input {...text('dcHost')} placeholder="dc01.corp.example.com" />
                </Field>
                <Field label="Server address" hint="Optional: connect here, verify TLS as the server name">
                  <Input {...text('dcAddress')} placeholder="10.0.0.5" />
                </Field>
                <Field label="Global Catalog" hint="Optional: defaults to the domain controller">
                  <Input {...text('gcHost')} />
                </Field>
                <Field label="Connection security" className={styles.wide}>
                  <RadioGroup value={form.tls} onChange={(_, data) => fieldChanged('tls', data.value as TlsMode)} layout="horizontal">
                    {(Object.keys(TLS_LABELS) as TlsMode[]).map((mode) => (
                      <Radio key={mode} value={mode} label={TLS_LABELS[mode]} />
                    ))}
                  </RadioGroup>
                </Field>
                {form.tls === 'none' && (
                  <Checkbox
                    className={styles.wide}
                    checked={form.allowPlain}
                    onChange={(_, data) => fieldChanged('allowPlain', data.checked === true)}
                    label="I understand that plain LDAP sends my password unencrypted"
                  />
                )}
                <Field label="User name" required hint="user@domain or DOMAIN\user">
                  <Input {...text('user')} autoComplete="username" />
                </Field>
                <Field label="Password">
                  <Input {...text('password')} type="password" autoComplete="current-password" />
                </Field>
                <Field label="Trusted certificate authority (PEM)" hint="Optional: for a lab or an internal CA the system does not trust" className={styles.wide}>
                  <Textarea {...text('caPem')} resize="vertical" rows={2} placeholder="-----BEGIN CERTIFICATE-----" />
                </Field>
                <Field label="DNS server" hint="Optional: for SRV lookups, e.g. 10.0.0.5" >
                  <Input {...text('dnsServer')} />
                </Field>
                <Field label="Connection name" hint="Saved (without the password) after a successful connection">
                  <Input {...text('name')} />
                </Field>
              </div>
              {state.busy && <Spinner size="tiny" label={state.busy === 'testing' ? 'Testing the connection…' : 'Connecting…'} />}
              {state.report && <TestReport report={state.report} />}
              {state.error && (
                <MessageBar intent="error">
                  <MessageBarBody>
                    <MessageBarTitle>{state.error.message}</MessageBarTitle>
                    {state.error.hint}
                  </MessageBarBody>
                </MessageBar>
              )}
            </DialogContent>
            <DialogActions fluid>
              <Button onClick={() => void state.trainingRequested()}>Use Training directory</Button>
              <Button onClick={() => void state.testRequested()} disabled={!canSubmit}>
                Test
              </Button>
              <Button type="submit" appearance="primary" disabled={!canSubmit}>
                Connect
              </Button>
              <Button onClick={state.dialogClosed}>Cancel</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
