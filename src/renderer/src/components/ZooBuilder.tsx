/** Generate a model from the zoo (deterministic from a seed) and open it for benchmarking. */
import { useState } from 'react';
import { api } from '../api';
import { useModel } from '../stores/model-store';
import { useUi } from '../stores/ui-store';
import { SelectField } from './FormControls';

const FAMILIES = [
  { value: 'mlp', label: 'MLP' },
  { value: 'resnet', label: 'ResNet-style CNN' },
  { value: 'bert', label: 'BERT-style encoder' },
  { value: 'unet', label: 'UNet' },
] as const;
type Family = (typeof FAMILIES)[number]['value'];
type Size = 'small' | 'medium' | 'large';

export function ZooBuilder() {
  const [family, setFamily] = useState<Family>('resnet');
  const [size, setSize] = useState<Size>('small');
  const [seed, setSeed] = useState('1');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const seedOk = /^\d+$/.test(seed);
  const build = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      const model = await api.call('models.zoo', { family, size, seed: Number(seed) });
      await useModel.getState().openPath(model.path);
      useUi.getState().go('run');
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="zoo" data-testid="zoo">
      <div className="zoo-row">
        <SelectField<Family> label="Family" value={family} onChange={setFamily} options={FAMILIES} testId="zoo-family" />
        <SelectField<Size>
          label="Size"
          value={size}
          onChange={setSize}
          options={[
            { value: 'small', label: 'small' },
            { value: 'medium', label: 'medium' },
            { value: 'large', label: 'large' },
          ]}
          testId="zoo-size"
        />
        <label className={`field${seedOk ? '' : ' invalid'}`}>
          <span className="field-label">Seed</span>
          <input value={seed} onChange={(e) => setSeed(e.target.value)} data-testid="zoo-seed" />
          <span className="field-hint">{seedOk ? 'same seed, same weights' : 'a whole number'}</span>
        </label>
        <button className="primary" disabled={busy || !seedOk} onClick={() => void build()} data-testid="zoo-build">
          {busy ? 'Building…' : 'Build and open'}
        </button>
      </div>
      {error && <div className="error-line">{error}</div>}
    </div>
  );
}
