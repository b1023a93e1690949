import { makeStyles, mergeClasses, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, tokens } from '@fluentui/react-components';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { addressTypeLabel } from '../../../shared/addresses/proxyAddress.ts';
import type { AddressRow, RowState } from '../../../shared/addresses/editSession.ts';

const useStyles = makeStyles({
  list: { border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`, maxHeight: '260px', overflowY: 'auto' },
  typeColumn: { width: '90px' },
  stateColumn: { width: '90px' },
  row: { cursor: 'default', ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' } },
  selected: { backgroundColor: tokens.colorNeutralBackground1Selected },
  primary: { fontWeight: tokens.fontWeightBold },
  added: { backgroundColor: tokens.colorPaletteGreenBackground1 },
  changed: { backgroundColor: tokens.colorPaletteYellowBackground1 },
  removed: { textDecorationLine: 'line-through', color: tokens.colorNeutralForeground3 },
  address: { wordBreak: 'break-all' },
});

const stateText: Record<RowState, string> = { unchanged: '', added: 'Added', removed: 'Removed', changed: 'Changed' };

export interface AddressListProps {
  rows: readonly AddressRow[];
  selectedId: string | null;
  /** Changes when focus should return to the list (a dialog closed). */
  focusTick: number;
  onSelect: (id: string) => void;
  onEdit: () => void;
  onRemove: () => void;
}

/** The address list: one row per value, primary in bold, pending changes in words and colour. */
export function AddressList(props: AddressListProps) {
  const { rows, selectedId, focusTick } = props;
  const styles = useStyles();
  const rowRefs = useRef(new Map<string, HTMLTableRowElement>());

  useEffect(() => {
    if (focusTick === 0) return;
    const id = selectedId ?? rows[0]?.id;
    if (id) rowRefs.current.get(id)?.focus();
    // Only a new tick moves focus; selection changes move it in onKeyDown.
  }, [focusTick]);

  function move(id: string | undefined) {
    if (!id) return;
    props.onSelect(id);
    rowRefs.current.get(id)?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTableRowElement>, index: number) {
    switch (event.key) {
      case 'ArrowDown':
        move(rows[Math.min(index + 1, rows.length - 1)]?.id);
        break;
      case 'ArrowUp':
        move(rows[Math.max(index - 1, 0)]?.id);
        break;
      case 'Home':
        move(rows[0]?.id);
        break;
      case 'End':
        move(rows[rows.length - 1]?.id);
        break;
      case 'Enter':
        props.onEdit();
        break;
      case 'Delete':
        props.onRemove();
        break;
      default:
        return;
    }
    event.preventDefault();
    event.stopPropagation();
  }

  // Roving tab stop: the selected row (or the first) is the list's single Tab stop.
  const tabStop = rows.some((r) => r.id === selectedId) ? selectedId : rows[0]?.id;

  return (
    <div className={styles.list}>
      <Table role="grid" aria-label="E-mail addresses" size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell className={styles.typeColumn}>Type</TableHeaderCell>
            <TableHeaderCell>E-mail Address</TableHeaderCell>
            <TableHeaderCell className={styles.stateColumn}>Pending</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row, index) => {
            const cell = mergeClasses(row.isPrimary && styles.primary, row.state === 'removed' && styles.removed);
            const label = [row.isPrimary ? 'Primary' : '', addressTypeLabel(row.type), row.address, stateText[row.state] && `(${stateText[row.state].toLowerCase()})`]
              .filter(Boolean)
              .join(' ');
            return (
              <TableRow
                key={row.id}
                ref={(el: HTMLTableRowElement | null) => {
                  if (el) rowRefs.current.set(row.id, el);
                  else rowRefs.current.delete(row.id);
                }}
                data-address={row.value}
                data-state={row.state}
                data-primary={row.isPrimary}
                aria-selected={row.id === selectedId}
                aria-label={label}
                tabIndex={row.id === tabStop ? 0 : -1}
                className={mergeClasses(styles.row, row.id === selectedId && styles.selected, row.state === 'added' && styles.added, row.state === 'changed' && styles.changed)}
                onClick={() => props.onSelect(row.id)}
                onFocus={() => row.id !== selectedId && props.onSelect(row.id)}
                onDoubleClick={() => {
                  props.onSelect(row.id);
                  props.onEdit();
                }}
                onKeyDown={(event) => onKeyDown(event, index)}
              >
                <TableCell className={cell}>{addressTypeLabel(row.type) || '?'}</TableCell>
                <TableCell className={mergeClasses(cell, styles.address)} title={row.original ? `Was ${row.original}` : undefined}>
                  {row.address}
                </TableCell>
                <TableCell className={cell}>{stateText[row.state]}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
