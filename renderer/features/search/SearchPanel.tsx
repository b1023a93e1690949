import { Button, Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import { useSearchStore } from './searchStore.ts';

const useStyles = makeStyles({
  form: {
    display: 'flex',
    alignItems: 'end',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
  },
  field: { flexGrow: 1, maxWidth: '640px' },
});

export function SearchPanel() {
  const styles = useStyles();
  const query = useSearchStore((s) => s.query);
  const searching = useSearchStore((s) => s.status === 'searching');
  const queryChanged = useSearchStore((s) => s.queryChanged);
  const searchRequested = useSearchStore((s) => s.searchRequested);

  return (
    <form
      className={styles.form}
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        void searchRequested();
      }}
    >
      <Field label="Find users" hint="Name, account name, e-mail address or any proxy address" className={styles.field}>
        <Input value={query} onChange={(_, data) => queryChanged(data.value)} placeholder="e.g. doe, jdoe, smtp:john.doe@" autoFocus />
      </Field>
      <Button type="submit" appearance="primary" disabled={searching}>
        Find Now
      </Button>
    </form>
  );
}
