/**
 * The plotly configuration every chart uses, in the studio and in the HTML report: nothing
 * offers to send data anywhere (no "edit in Chart Studio" / cloud button, no plotly logo linking
 * out), and the tools a latency chart does not need are left off the mode bar. Nothing a chart
 * shows leaves the machine.
 */
export const PLOT_CONFIG = {
  displaylogo: false,
  showSendToCloud: false,
  showLink: false,
  responsive: true,
  modeBarButtonsToRemove: ['sendDataToCloud', 'select2d', 'lasso2d'],
} as const;
