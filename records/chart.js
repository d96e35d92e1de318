// The stats page's chart library (GET /stats/chart.js): Chart.js, bundled by `npm run build`
// into dist/records-chart.js and served by the receiver itself, so the page loads nothing from
// elsewhere. A global `Chart` for the page's script (stats-page.ts).
import Chart from 'chart.js/auto';

globalThis.Chart = Chart;
