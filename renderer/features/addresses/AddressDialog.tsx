// The per-type address dialog for New... and Edit... (type locked when editing, as in the original:
// "the type box is disabled when editing existing e-mail addresses").
import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  tokens,
} from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { x400FieldLabels, x400FieldLimits } from '../../../shared/addresses/rules/x400.ts';
import { addressWarnings, validateCustomEntry, validateNewAddress } from '../../../shared/addresses/validate.ts';
import type { ValidationIssue } from '../../../shared/addresses/validationIssue.ts';
import { emptyX400Fields, formatX400, parseX400, x400FieldKeys, type X400FieldKey, type X400Fields } from '../../../shared/addresses/x400.ts';
import { addressKindNames } from './AddressTypeDialog.tsx';
import type { AddressKind } from './addressEditorStore.ts';

const useStyles = makeStyles({
  surface: { width: '560px', maxWidth: '95vw' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  x400Grid: { display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXS },
});

const dialogTitles: Record<AddressKind, string> = {
  SMTP: 'Internet Address Properties',
  X400: 'X.400 Address Properties',
  X500: 'X.500 Address Properties',
  CUSTOM: 'Custom Address Properties',
};

export interface AddressDialogProps {
  addressKind: AddressKind;
  mode: 'new' | 'edit';
  /** When editing: the stored type text (custom types keep their spelling) and the address text. */
  initialType?: string;
  initialAddress?: string;
  /** The user's pending list, for the duplicate check. */
  existing: readonly string[];
  /** The value being edited, which is not a duplicate of itself. */
  replacing?: string;
  /** Returns the issues the session found (e.g. a duplicate); empty means saved. */
  onSubmit: (type: string, address: string, allowInternational: boolean) => ValidationIssue[];
  onDismiss: () => void;
}

function issueFor(issues: readonly ValidationIssue[], field: string): string | undefined {
  return issues.find((i) => i.field === field)?.message;
}

export function AddressDialog(props: AddressDialogProps) {
  const { addressKind, mode, existing, replacing } = props;
  const styles = useStyles();
  const [customType, setCustomType] = useState(props.initialType ?? '');
  const [text, setText] = useState(addressKind === 'X400' ? '' : (props.initialAddress ?? ''));
  const [x400, setX400] = useState<X400Fields>(() => {
    if (addressKind !== 'X400') return emptyX400Fields();
    if (props.initialAddress === undefined) return { ...emptyX400Fields(), a: ' ' };
    const parsed = parseX400(props.initialAddress);
    return parsed.ok ? parsed.fields : { ...emptyX400Fields(), a: ' ' };
  });
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set(mode === 'edit' ? ['type', 'address', ...x400FieldKeys] : []));
  const [allowInternational, setAllowInternational] = useState(false);
  const [submitIssues, setSubmitIssues] = useState<ValidationIssue[]>([]);

  const type = addressKind === 'CUSTOM' ? customType : addressKind;
  const value = addressKind === 'X400' ? formatX400(x400) : text;
  const options = { allowInternational, existing, ...(replacing === undefined ? {} : { replacing }) };
  const issues = useMemo(
    () =>
      addressKind === 'CUSTOM'
        ? validateCustomEntry(customType, text, options)
        : validateNewAddress(addressKind, addressKind === 'X400' ? x400 : text, options),
    [addressKind, customType, text, x400, allowInternational, existing, replacing],
  );
  // A non-ASCII address is refused until the user confirms it is an internationalised one.
  const needsInternational = issues.some((i) => i.rule === 'international') || allowInternational;
  const warnings = issues.length === 0 ? addressWarnings(type, value) : [];
  const visible = [...issues.filter((i) => touched.has(i.field) || i.rule === 'duplicate'), ...submitIssues];

  const touch = (field: string) => setTouched((t) => (t.has(field) ? t : new Set([...t, field])));

  function submit() {
    if (issues.length > 0) return;
    const found = props.onSubmit(type, value, allowInternational);
    setSubmitIssues(found);
  }

  const title = dialogTitles[addressKind];
  const addressMessage = issueFor(visible, 'address');
  const warning = warnings[0]?.message;

  return (
    <Dialog open modalType="modal" onOpenChange={(_, data) => !data.open && props.onDismiss()}>
      <DialogSurface className={styles.surface} aria-label={title}>
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <DialogBody>
            <DialogTitle>{title}</DialogTitle>
            <DialogContent className={styles.content}>
              {addressKind === 'CUSTOM' ? (
                <Field label="E-mail type" validationState={issueFor(visible, 'type') ? 'error' : 'none'} validationMessage={issueFor(visible, 'type')}>
                  <Input
                    value={customType}
                    disabled={mode === 'edit'}
                    autoFocus={mode === 'new'}
                    onChange={(_, data) => {
                      setCustomType(data.value);
                      touch('type');
                    }}
                  />
                </Field>
              ) : (
                <Field label="Type">
                  <Input value={addressKindNames[addressKind]} disabled aria-label="Type" />
                </Field>
              )}

              {addressKind === 'X400' ? (
                <X400Inputs
                  fields={x400}
                  issues={visible}
                  onChange={(key, fieldValue) => {
                    setX400((f) => ({ ...f, [key]: fieldValue }));
                    touch(key);
                  }}
                  className={styles.x400Grid}
                />
              ) : (
                <Field
                  label={addressKind === 'SMTP' ? 'E-mail address' : addressKind === 'X500' ? 'X.500 address' : 'E-mail address'}
                  hint={addressKind === 'X500' ? 'A DN like /o=Org/ou=Group/cn=Recipients/cn=jdoe' : undefined}
                  validationState={addressMessage ? 'error' : warning ? 'warning' : 'none'}
                  validationMessage={addressMessage ?? warning}
                >
                  <Input
                    value={text}
                    autoFocus={addressKind !== 'CUSTOM' || mode === 'edit'}
                    onChange={(_, data) => {
                      setText(data.value);
                      setSubmitIssues([]);
                      touch('address');
                    }}
                  />
                </Field>
              )}
              {addressKind === 'X400' && issueFor(visible, 'address') && (
                <MessageBar intent="error">
                  <MessageBarBody>{issueFor(visible, 'address')}</MessageBarBody>
                </MessageBar>
              )}
              {needsInternational && (
                <Checkbox
                  checked={allowInternational}
                  onChange={(_, data) => setAllowInternational(data.checked === true)}
                  label="This is an internationalised address (RFC 6531): allow characters outside ASCII. Some older systems can't deliver to it."
                />
              )}
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" type="submit" disabled={issues.length > 0}>
                OK
              </Button>
              <Button onClick={props.onDismiss}>Cancel</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

function X400Inputs(props: { fields: X400Fields; issues: readonly ValidationIssue[]; onChange: (key: X400FieldKey, value: string) => void; className: string }) {
  return (
    <div className={props.className}>
      {x400FieldKeys.map((key, i) => {
        const message = issueFor(props.issues, key);
        const [min, max] = x400FieldLimits[key];
        return (
          <Field
            key={key}
            label={`${x400FieldLabels[key]} (${key})`}
            required={min > 0}
            hint={key === 'a' ? 'A single space means blank' : undefined}
            validationState={message ? 'error' : 'none'}
            validationMessage={message}
          >
            <Input value={props.fields[key]} maxLength={max} autoFocus={i === 0} onChange={(_, data) => props.onChange(key, data.value)} />
          </Field>
        );
      })}
    </div>
  );
}
