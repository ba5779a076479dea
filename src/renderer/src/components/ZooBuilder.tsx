/** Generate a model from the zoo (deterministic from a seed) and open it for benchmarking. */
import { useZoo, type ZooFamily, type ZooSize } from '../stores/zoo-store';
import { FailureNotice } from './FailureNotice';
import { SelectField } from './FormControls';

const FAMILIES = [
  { value: 'mlp', label: 'MLP' },
  { value: 'resnet', label: 'ResNet-style CNN' },
  { value: 'bert', label: 'BERT-style encoder' },
  { value: 'unet', label: 'UNet' },
] as const satisfies readonly { value: ZooFamily; label: string }[];
type Family = ZooFamily;
type Size = ZooSize;

export function ZooBuilder() {
  const { busy, failure, build, choice, choose } = useZoo();
  const { family, size, seed } = choice;
  const setFamily = (f: Family) => choose({ family: f });
  const setSize = (z: Size) => choose({ size: z });
  const setSeed = (text: string) => choose({ seed: text });
  const seedOk = /^\d+$/.test(seed);
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
        <button className="primary" disabled={busy || !seedOk} onClick={() => void build({ family, size, seed: Number(seed) })} data-testid="zoo-build">
          {busy ? 'Building…' : 'Build and open'}
        </button>
      </div>
      {failure && <FailureNotice failure={failure} testId="zoo-failure" />}
    </div>
  );
}
