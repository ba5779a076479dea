/** Label, tags and notes of one stored run, saved together; what was measured is not editable. */
import { useEffect, useState } from 'react';
import type { Run } from '../../../../shared/run';
import { parseTagList } from '../../../../shared/sessions/run-query';
import { useSessionsList } from '../../stores/sessions-list-store';
import { labelOf } from '../../sessions/run-columns';

export function RunMetaEditor({ run }: { run: Run }) {
  const update = useSessionsList((s) => s.update);
  const [label, setLabel] = useState(labelOf(run));
  const [tags, setTags] = useState((run.tags ?? []).join(', '));
  const [notes, setNotes] = useState(run.notes ?? '');
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    setLabel(labelOf(run));
    setTags((run.tags ?? []).join(', '));
    setNotes(run.notes ?? '');
  }, [run]);
  const dirty = label !== labelOf(run) || tags !== (run.tags ?? []).join(', ') || notes !== (run.notes ?? '');
  const save = async (): Promise<void> => {
    setSaving(true);
    await update(run.id, { label, tags: parseTagList(tags), notes });
    setSaving(false);
  };
  return (
    <form
      className="meta-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      data-testid="meta-editor"
    >
      <label className="field">
        <span className="field-label">label</span>
        <input value={label} maxLength={200} onChange={(e) => setLabel(e.target.value)} data-testid="meta-label" />
      </label>
      <label className="field">
        <span className="field-label">tags (comma-separated)</span>
        <input value={tags} onChange={(e) => setTags(e.target.value)} placeholder="fp16, after fusion" data-testid="meta-tags" />
      </label>
      <label className="field wide">
        <span className="field-label">notes</span>
        <textarea value={notes} rows={2} maxLength={20_000} onChange={(e) => setNotes(e.target.value)} data-testid="meta-notes" />
      </label>
      <div className="meta-actions">
        <button type="submit" className="primary" disabled={!dirty || saving} data-testid="meta-save">
          {saving ? 'Saving…' : 'Save'}
        </button>
        {dirty && (
          <button type="button" className="ghost" onClick={() => { setLabel(labelOf(run)); setTags((run.tags ?? []).join(', ')); setNotes(run.notes ?? ''); }}>
            Revert
          </button>
        )}
      </div>
    </form>
  );
}
