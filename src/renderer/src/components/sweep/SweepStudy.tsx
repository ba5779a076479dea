/**
 * A sweep study opened by its address in Sessions (`#/studies/<id>`): its scaling curve and
 * points, read from the stored runs, and read again while the sweep is still measuring.
 */
import { useEffect, useState } from 'react';
import { sweepPointOf, type SweepPoint } from '../../../../shared/sweep';
import { isRunActive } from '../../../../shared/run';
import { fetchStudy } from '../../stores/sweep-store';
import { failure, type Failure } from '../../stores/failure';
import { FailureNotice } from '../FailureNotice';
import { SweepResults } from './SweepResults';

const REFRESH_MS = 2000;

export function SweepStudy({ studyId }: { studyId: string }) {
  const [study, setStudy] = useState<{ name: string; points: SweepPoint[] }>();
  const [problem, setProblem] = useState<Failure>();
  useEffect(() => {
    let live = true;
    let timer: number | undefined;
    const load = async (): Promise<void> => {
      try {
        const detail = await fetchStudy(studyId);
        if (!live) return;
        setStudy({ name: detail.study.name, points: detail.runs.map(sweepPointOf) });
        setProblem(undefined);
        if (detail.runs.some(isRunActive)) timer = window.setTimeout(() => void load(), REFRESH_MS);
      } catch (err) {
        if (live) setProblem(failure(`Could not read study ${studyId}`, err, load));
      }
    };
    void load();
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [studyId]);
  if (problem) return <FailureNotice failure={problem} testId="sweep-study-failure" box />;
  return study ? <SweepResults studyId={studyId} name={study.name} points={study.points} /> : null;
}
