import {
  createTableColumn,
  DataGrid,
  DataGridBody,
  DataGridCell,
  DataGridHeader,
  DataGridHeaderCell,
  DataGridRow,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  type TableColumnDefinition,
} from '@fluentui/react-components';
import type React from 'react';
import type { UserSummary } from '../../../shared/model/directory.ts';
import { useSearchStore } from './searchStore.ts';

const columns: TableColumnDefinition<UserSummary>[] = [
  createTableColumn<UserSummary>({ columnId: 'name', compare: (a, b) => a.displayName.localeCompare(b.displayName), renderHeaderCell: () => 'Name', renderCell: (u) => u.displayName }),
  createTableColumn<UserSummary>({ columnId: 'account', compare: (a, b) => a.samAccountName.localeCompare(b.samAccountName), renderHeaderCell: () => 'Account', renderCell: (u) => u.samAccountName }),
  createTableColumn<UserSummary>({ columnId: 'mail', compare: (a, b) => (a.mail ?? '').localeCompare(b.mail ?? ''), renderHeaderCell: () => 'E-mail', renderCell: (u) => u.mail ?? '' }),
  createTableColumn<UserSummary>({ columnId: 'ou', compare: (a, b) => a.ou.localeCompare(b.ou), renderHeaderCell: () => 'Folder', renderCell: (u) => u.ou }),
];

export function SearchResults() {
  const users = useSearchStore((s) => s.users);
  const status = useSearchStore((s) => s.status);
  const error = useSearchStore((s) => s.error);
  const truncated = useSearchStore((s) => s.truncated);
  const userOpened = useSearchStore((s) => s.userOpened);

  if (status === 'failed' && error) {
    return (
      <MessageBar intent="error">
        <MessageBarBody>
          <MessageBarTitle>Search failed</MessageBarTitle>
          {error.message} {error.hint}
        </MessageBarBody>
      </MessageBar>
    );
  }
  if (status === 'searching' && users.length === 0) return <Spinner label="Searching…" />;
  if (status === 'done' && users.length === 0) {
    return (
      <MessageBar>
        <MessageBarBody>No users match. Try part of a name, an account name or an address.</MessageBarBody>
      </MessageBar>
    );
  }
  return (
    <>
      {truncated && (
        <MessageBar intent="warning">
          <MessageBarBody>Only the first {users.length} matches are shown. Type more of the name to narrow the search.</MessageBarBody>
        </MessageBar>
      )}
      <DataGrid items={users} columns={columns} sortable getRowId={(u: UserSummary) => u.dn} focusMode="composite" aria-label="Search results">
        <DataGridHeader>
          <DataGridRow>{({ renderHeaderCell }) => <DataGridHeaderCell>{renderHeaderCell()}</DataGridHeaderCell>}</DataGridRow>
        </DataGridHeader>
        <DataGridBody<UserSummary>>
          {({ item, rowId }) => (
            <DataGridRow<UserSummary>
              key={rowId}
              data-dn={item.dn}
              onDoubleClick={() => userOpened(item.dn)}
              onKeyDown={(event: React.KeyboardEvent) => {
                if (event.key === 'Enter') userOpened(item.dn);
              }}
              aria-label={`${item.displayName}, press Enter to open properties`}
            >
              {({ renderCell }) => <DataGridCell>{renderCell(item)}</DataGridCell>}
            </DataGridRow>
          )}
        </DataGridBody>
      </DataGrid>
    </>
  );
}
