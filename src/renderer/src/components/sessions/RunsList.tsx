/**
 * The Sessions list, virtualised: only the rows in view (and a few either side) are in the DOM,
 * and their data is fetched a page at a time as they scroll into view, so 10,000 stored runs
 * scroll like 10. Rows of one study (a sweep) sit together under a bar of one colour; its name
 * on the group's first row selects the whole study. Keyboard: arrows, Shift+arrows, Space,
 * Ctrl/Cmd+A, Home/End, Page Up/Down, Delete, Escape.
 */
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useSessionsList } from '../../stores/sessions-list-store';
import { StatusBadge } from '../StatusBadge';
import { RUN_COLUMNS, rowCells } from '../../sessions/run-columns';
import type { Run } from '../../../../shared/run';

export const ROW_HEIGHT = 30;
const OVERSCAN = 8;

function StudyCell({ run, previous, onSelect }: { run: Run | undefined; previous: Run | undefined; onSelect: (studyId: string) => void }) {
  const studies = useSessionsList((s) => s.studies);
  const studyId = run?.studyId;
  if (!studyId) return <span className="cell study" />;
  const study = studies[studyId];
  const continues = previous?.studyId === studyId;
  return (
    <span className={`cell study in-study ${continues ? 'continues' : 'starts'}`} title={study ? `${study.kind}: ${study.name} (${study.runCount} runs)` : studyId}>
      {!continues && (
        <button
          className="study-chip"
          data-testid={`study-chip-${studyId}`}
          onClick={(e) => {
            e.stopPropagation();
            onSelect(studyId);
          }}
        >
          {study ? `${study.kind} · ${study.name}` : 'study'}
        </button>
      )}
    </span>
  );
}

export function RunsList() {
  const { ids, rows, selection, sort, ensureRows, click, key, sortBy, deleteSelected, selectStudy } = useSessionsList();
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(360);

  useLayoutEffect(() => {
    const node = scroller.current;
    if (!node) return;
    const observer = new ResizeObserver(() => setHeight(node.clientHeight));
    observer.observe(node);
    return () => observer.disconnect();
  }, []);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(ids.length - 1, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  useEffect(() => ensureRows(first, last), [first, last, ids, ensureRows]);

  // Keep the keyboard's row in view.
  const cursor = selection.cursor;
  useEffect(() => {
    const node = scroller.current;
    if (!node || cursor === undefined) return;
    const top = cursor * ROW_HEIGHT;
    if (top < node.scrollTop) node.scrollTop = top;
    else if (top + ROW_HEIGHT > node.scrollTop + node.clientHeight) node.scrollTop = top + ROW_HEIGHT - node.clientHeight;
  }, [cursor]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.key === 'Delete' || (e.key === 'Backspace' && (e.metaKey || e.ctrlKey))) {
      e.preventDefault();
      void deleteSelected();
      return;
    }
    const pageRows = Math.max(1, Math.floor(height / ROW_HEIGHT) - 1);
    if (key(e.key, { shift: e.shiftKey, toggle: e.ctrlKey || e.metaKey }, pageRows)) e.preventDefault();
  };
  const onRowClick = (index: number) => (e: MouseEvent) => {
    // Shift-click would also select the page's text.
    if (e.shiftKey) window.getSelection()?.removeAllRanges();
    click(index, { shift: e.shiftKey, toggle: e.ctrlKey || e.metaKey });
    scroller.current?.focus({ preventScroll: true });
  };

  const visible = [];
  for (let i = first; i <= last; i++) {
    const id = ids[i];
    if (id === undefined) continue;
    const run = rows[id];
    const prevId = ids[i - 1];
    const selected = selection.selected.has(id);
    visible.push(
      <div
        key={id}
        role="row"
        aria-selected={selected}
        aria-rowindex={i + 2}
        className={`runs-row${selected ? ' selected' : ''}${i === cursor ? ' cursor' : ''}`}
        style={{ top: i * ROW_HEIGHT }}
        onClick={onRowClick(i)}
        data-testid={`run-row-${id}`}
      >
        <StudyCell run={run} previous={prevId !== undefined ? rows[prevId] : undefined} onSelect={(studyId) => void selectStudy(studyId)} />
        {(run ? rowCells(run) : RUN_COLUMNS.map((column) => ({ column, text: '', span: 1 }))).map(({ column: c, text, span }) => (
          <span key={c.id} role="gridcell" className={`cell ${c.id}${c.numeric && span === 1 ? ' num' : ''}${span > 1 ? ` span-${span}` : ''}`} title={run ? text : undefined} aria-colspan={span > 1 ? span : undefined}>
            {!run ? (c.id === 'date' ? '…' : '') : c.id === 'status' ? <StatusBadge status={run.status} /> : text}
          </span>
        ))}
      </div>,
    );
  }

  return (
    <div className="runs-list" role="grid" aria-multiselectable="true" aria-rowcount={ids.length + 1} data-testid="runs-table">
      <div className="runs-row runs-head" role="row" aria-rowindex={1}>
        <span className="cell study">study</span>
        {RUN_COLUMNS.map((c) => (
          <span key={c.id} role="columnheader" title={c.title} className={`cell ${c.id}${c.numeric ? ' num' : ''}`} aria-sort={sort.by === c.sort ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
            {c.sort ? (
              <button className="sort" onClick={() => sortBy(c.sort!)} data-testid={`sort-${c.id}`}>
                {c.title}
                {sort.by === c.sort ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}
              </button>
            ) : (
              c.title
            )}
          </span>
        ))}
      </div>
      <div
        className="runs-scroller"
        ref={scroller}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        data-testid="runs-scroller"
        aria-label="Stored runs"
      >
        <div className="runs-body" style={{ height: ids.length * ROW_HEIGHT }}>
          {visible}
        </div>
      </div>
    </div>
  );
}
