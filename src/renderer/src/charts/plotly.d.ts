declare module 'plotly.js-strict-dist-min' {
  import Plotly from 'plotly.js';
  export default Plotly;
}
