import { makeStyles, tokens } from '@fluentui/react-components';
import { useEffect } from 'react';
import { AppHeader } from './features/app/AppHeader.tsx';
import { StatusBar } from './features/app/StatusBar.tsx';
import { useAppStore } from './features/app/appStore.ts';
import { UserPropertiesDialog } from './features/addresses/UserPropertiesDialog.tsx';
import { SearchPanel } from './features/search/SearchPanel.tsx';
import { SearchResults } from './features/search/SearchResults.tsx';
import { useSearchStore } from './features/search/searchStore.ts';

const useStyles = makeStyles({
  root: {
    display: 'grid',
    gridTemplateRows: 'auto auto 1fr auto',
    height: '100vh',
    backgroundColor: tokens.colorNeutralBackground2,
  },
  results: {
    overflow: 'auto',
    margin: `0 ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow4,
  },
});

export function App() {
  const styles = useStyles();
  const started = useAppStore((s) => s.started);
  const searchRequested = useSearchStore((s) => s.searchRequested);
  const openDn = useSearchStore((s) => s.openDn);

  useEffect(() => {
    void started();
    // Like ADUC's Find dialog, the list starts filled so a trainer can point at someone at once.
    void searchRequested();
  }, [started, searchRequested]);

  return (
    <div className={styles.root}>
      <AppHeader />
      <SearchPanel />
      <main className={styles.results} aria-label="Users">
        <SearchResults />
      </main>
      <StatusBar />
      {openDn && <UserPropertiesDialog dn={openDn} />}
    </div>
  );
}
