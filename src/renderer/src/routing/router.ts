/**
 * Keeps the address (routing/route.ts) and the stores in step: opening an address shows what
 * it names (a view, a stored run, a study's runs, a comparison), and moving around the studio
 * updates the address, so a reload or a copied link reopens the same thing. A new view is a
 * new history entry (Back works); a new selection within a view replaces the entry.
 */
import { formatRoute, parseRoute, type Route } from './route';
import { useUi } from '../stores/ui-store';
import { useSessionsList } from '../stores/sessions-list-store';
import { useCompare } from '../stores/compare-store';
import { useOptimizer } from '../stores/optimizer-store';
import { useCommandOptimizer } from '../stores/command-optimizer-store';
import { useGraph } from '../stores/graph-store';
import { useLiveRun } from '../stores/live-run-store';
import { DEFAULT_FORM, useRunConfig } from '../stores/config-store';
import { useModel } from '../stores/model-store';
import { formFromConfig } from '../../../shared/knobs/form';
import { useCommand } from '../stores/command-store';
import { commandFieldsFrom, commandSettingsNotInTheForm, DEFAULT_COMMAND_FIELDS } from '../../../shared/command/form';
import type { RunConfig } from '../../../shared/run';
import { addressNotice, addressProblem, viewOfAddress } from '../../../shared/routing/address-problem';
import { useAddress } from '../stores/address-store';

function currentRoute(): Route {
  const view = useUi.getState().view;
  switch (view) {
    case 'run': {
      const { runId } = useLiveRun.getState();
      return runId ? { view, runId } : { view };
    }
    case 'models': {
      const { runId, focus } = useGraph.getState();
      return runId ? { view, graph: { runId, ...(focus ? { focus } : {}) } } : { view };
    }
    case 'sessions': {
      const { selection, openStudyId } = useSessionsList.getState();
      const only = selection.selected.size === 1 ? [...selection.selected][0] : undefined;
      return openStudyId ? { view, studyId: openStudyId } : only ? { view, runId: only } : { view };
    }
    case 'compare': {
      const { runIds, baselineId } = useCompare.getState();
      return { view, runIds, ...(baselineId ? { baselineId } : {}) };
    }
    case 'optimize': {
      const command = useCommandOptimizer.getState();
      if (command.workload === 'command') return command.studyId ? { view, studyId: command.studyId, workload: 'command' } : { view, workload: 'command' };
      const { studyId } = useOptimizer.getState();
      return studyId ? { view, studyId } : { view };
    }
  }
}

/**
 * The run an address names, in the Run view. A tab whose form holds nothing typed or remembered
 * (a link opened afresh) also gets the form and model the run ran with (for a command run, the
 * Command form with its settings); a form of its own is never replaced (a reload keeps the form
 * as typed, and the source it was typed in).
 */
async function openRunFromAddress(runId: string): Promise<void> {
  const config = (await useLiveRun.getState().reopen(runId))?.run.config;
  if (config?.command) return void formOfCommandRun(config);
  const { fields } = useRunConfig.getState();
  // resetDims keeps text and on as they are: the same objects means untouched.
  if (!config || fields.text !== DEFAULT_FORM.text || fields.on !== DEFAULT_FORM.on) return;
  useRunConfig.setState({ fields: formFromConfig(config) });
  useCommand.getState().setSource('model');
  if (useModel.getState().model?.path !== config.modelPath) void useModel.getState().openPath(config.modelPath);
}

/** A command run's settings in the Command form, when the tab's command form is untouched (the defaults themselves). */
function formOfCommandRun(config: RunConfig): void {
  const fields = commandFieldsFrom(config);
  if (!fields || useCommand.getState().fields !== DEFAULT_COMMAND_FIELDS) return;
  useCommand.setState({ source: 'command', fields });
  // Said, not dropped silently: Run would otherwise measure another configuration than the link's.
  const left = commandSettingsNotInTheForm(config);
  if (left) useAddress.getState().say(left);
}

/**
 * Opens what a route names, in the stores; the router then writes the address (follow). Code
 * that moves the user to a view calls this rather than setting `location.hash`: the hashchange
 * that would apply a new hash is queued, and any store change before it (a fast run ending)
 * made follow write the current view's address back over it, so the new view never opened.
 */
export function openRoute(r: Route): void {
  const ui = useUi.getState();
  switch (r.view) {
    case 'run':
      if (r.runId && r.runId !== useLiveRun.getState().runId) void openRunFromAddress(r.runId);
      break;
    case 'models': {
      const g = r.graph;
      if (g && g.runId !== useGraph.getState().runId) void useGraph.getState().showOnGraph(g.runId, g.focus);
      else if (g) useGraph.getState().setFocus(g.focus);
      break;
    }
    case 'sessions':
      if (r.studyId) void useSessionsList.getState().selectStudy(r.studyId);
      else if (r.runId) useSessionsList.getState().selectIds([r.runId]);
      // A study not stored here would select nothing, silently: the notice says so. (An unknown
      // run needs no check: the run detail below the list says it could not load it.)
      if (r.studyId) void useAddress.getState().checkStored(formatRoute(r), { studyId: r.studyId }, 'Sessions');
      break;
    case 'compare': {
      const compare = useCompare.getState();
      if (r.runIds.length >= 2 && r.runIds.join() !== compare.runIds.join()) compare.open(r.runIds);
      if (r.baselineId && r.baselineId !== useCompare.getState().baselineId) useCompare.getState().setBaseline(r.baselineId);
      break;
    }
    case 'optimize':
      useCommandOptimizer.getState().setWorkload(r.workload ?? 'model');
      if (r.workload === 'command') {
        if (r.studyId !== useCommandOptimizer.getState().studyId) void useCommandOptimizer.getState().open(r.studyId);
      } else if (r.studyId !== useOptimizer.getState().studyId) void useOptimizer.getState().open(r.studyId);
      break;
  }
  ui.go(r.view);
}

/**
 * What an address opens, and the notice when it was not read whole: what was not understood,
 * and the view shown instead (the one its first part names, else the one already showing).
 */
function readAddress(hash: string): { route?: Route; notice?: string } {
  const read = parseRoute(hash);
  const problem = addressProblem(hash) ?? (read || !/[^#/]/.test(hash) ? undefined : 'it names nothing the studio has');
  if (!problem) return read ? { route: read } : {};
  const route = read ?? parseRoute(`#/${viewOfAddress(hash) ?? ''}`);
  const view = route?.view ?? useUi.getState().view;
  return { ...(route ? { route } : {}), notice: addressNotice(hash, problem, `${view.charAt(0).toUpperCase()}${view.slice(1)}`) };
}

export function startRouter(): () => void {
  let applying = false;
  /** True when the address was not read whole: the bar then shows what the studio shows instead. */
  const apply = (): boolean => {
    const { route: r, notice } = readAddress(location.hash);
    useAddress.getState().say(notice);
    const unread = notice !== undefined;
    if (!r || formatRoute(r) === formatRoute(currentRoute())) return unread;
    applying = true;
    try {
      openRoute(r);
    } finally {
      applying = false;
    }
    return unread;
  };
  let lastView = useUi.getState().view;
  const follow = (): void => {
    if (applying) return;
    const next = formatRoute(currentRoute());
    if (next === location.hash) return;
    const view = useUi.getState().view;
    if (view !== lastView) {
      history.pushState(null, '', next);
      // The notice speaks of the view the address landed on ("Showing the Run view instead"):
      // once the user goes to another view it describes nothing on screen.
      useAddress.getState().say(undefined);
    } else history.replaceState(null, '', next);
    lastView = view;
  };
  // An address not read whole is replaced by what shows instead, not kept as a step of history.
  if (apply()) lastView = useUi.getState().view;
  follow();
  const offs = [useUi.subscribe(follow), useSessionsList.subscribe(follow), useCompare.subscribe(follow), useOptimizer.subscribe(follow), useCommandOptimizer.subscribe(follow), useGraph.subscribe(follow),
    // Only a new watched run changes the address: the live store changes with every batch of samples.
    useLiveRun.subscribe((s, prev) => {
      if (s.runId !== prev.runId) follow();
    }),
  ];
  const onHash = (): void => {
    const unread = apply();
    lastView = useUi.getState().view;
    if (unread) follow();
  };
  window.addEventListener('hashchange', onHash);
  return () => {
    for (const off of offs) off();
    window.removeEventListener('hashchange', onHash);
  };
}
