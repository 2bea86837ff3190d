// Draws a questionnaire result's chart (scores per dimension: yours, the previous attempt, the others'
// average) and a report's charts, from the JSON the page carries in application/json script tags. The
// same figures are in the page's tables, so the charts add a picture and hide nothing.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  Legend,
  Tooltip,
  LineController,
  LineElement,
  PointElement,
);

const COLOURS = ['#0066cc', '#5c6f82', '#008055'];
const read = <T>(id: string): T | null => {
  const el = document.getElementById(id);
  if (!el?.textContent) return null;
  try {
    return JSON.parse(el.textContent) as T;
  } catch {
    return null;
  }
};

type ResultData = { labels: string[]; datasets: { label: string; data: (number | null)[] }[] };
const result = read<ResultData>('questionnaire-chart-data');
const resultCanvas = document.getElementById('questionnaire-chart') as HTMLCanvasElement | null;
if (result && resultCanvas) {
  new Chart(resultCanvas, {
    type: 'bar',
    data: {
      labels: result.labels,
      datasets: result.datasets.map((d, i) => ({ ...d, backgroundColor: COLOURS[i % COLOURS.length] })),
    },
    options: { indexAxis: 'y', scales: { x: { min: 0, max: 100 } }, animation: false, maintainAspectRatio: false },
  });
  resultCanvas.dataset.ready = 'true';
}

type Series = { labels: string[]; data: (number | null)[]; label: string };
const report = read<{ overTime: Series; dimensions: Series }>('questionnaire-report-data');
const overTime = document.getElementById('report-over-time') as HTMLCanvasElement | null;
const dimensions = document.getElementById('report-dimensions') as HTMLCanvasElement | null;
if (report && overTime) {
  new Chart(overTime, {
    type: 'line',
    data: {
      labels: report.overTime.labels,
      datasets: [{ label: report.overTime.label, data: report.overTime.data, borderColor: COLOURS[0] }],
    },
    options: { animation: false },
  });
}
if (report && dimensions) {
  new Chart(dimensions, {
    type: 'bar',
    data: {
      labels: report.dimensions.labels,
      datasets: [{ label: report.dimensions.label, data: report.dimensions.data, backgroundColor: COLOURS[0] }],
    },
    options: { scales: { y: { min: 0, max: 100 } }, animation: false },
  });
}
