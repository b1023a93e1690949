import {
  Button,
  Checkbox,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { AppErrorData } from '../../../shared/errors.ts';
import { addressTypeLabel, compareForDisplay, parseProxyAddress, type ProxyAddress } from '../../../shared/addresses/proxyAddress.ts';
import { isPolicyExcluded, type UserDetails } from '../../../shared/model/directory.ts';
import { api, errorData } from '../../api.ts';

const useStyles = makeStyles({
  list: { border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`, maxHeight: '280px', overflowY: 'auto' },
  primary: { fontWeight: tokens.fontWeightBold },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS },
  typeColumn: { width: '110px' },
});

export function AddressesTab({ dn }: { dn: string }) {
  const styles = useStyles();
  const [user, setUser] = useState<UserDetails | null>(null);
  const [error, setError] = useState<AppErrorData | null>(null);

  useEffect(() => {
    let current = true;
    api.getUser(dn).then(
      (loaded) => current && setUser(loaded),
      (failure: unknown) => current && setError(errorData(failure)),
    );
    return () => {
      current = false;
    };
  }, [dn]);

  if (error) {
    return (
      <MessageBar intent="error">
        <MessageBarBody>
          {error.message} {error.hint}
        </MessageBarBody>
      </MessageBar>
    );
  }
  if (!user) return <Spinner label="Reading the user's addresses…" />;

  const rows = user.proxyAddresses
    .map((raw) => ({ raw, parsed: parseProxyAddress(raw) }))
    .filter((r): r is { raw: string; parsed: { ok: true; value: ProxyAddress } } => r.parsed.ok)
    .sort((a, b) => compareForDisplay(a.parsed.value, b.parsed.value));

  return (
    <>
      <Text id="addresses-label">E-mail addresses:</Text>
      <div className={styles.list}>
        <Table aria-labelledby="addresses-label" size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell className={styles.typeColumn}>Type</TableHeaderCell>
              <TableHeaderCell>E-mail Address</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map(({ raw, parsed: { value } }) => (
              <TableRow key={raw} data-address={raw} data-primary={value.isPrimary} aria-label={`${value.isPrimary ? 'Primary ' : ''}${value.type} ${value.address}`}>
                <TableCell className={value.isPrimary ? styles.primary : undefined}>{addressTypeLabel(value.type)}</TableCell>
                <TableCell className={value.isPrimary ? styles.primary : undefined}>{value.address}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <div className={styles.buttons}>
        <Button disabled>New...</Button>
        <Button disabled>Edit...</Button>
        <Button disabled>Remove</Button>
        <Button disabled>Set as Primary</Button>
      </div>
      <Checkbox checked={!isPolicyExcluded(user.policyExcluded)} disabled label="Automatically update e-mail addresses based on recipient policy" />
    </>
  );
}
