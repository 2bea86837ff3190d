// The monitoring dashboard's charts (/admin/monitoraggio): each <canvas data-chart> carries its
// labels and datasets as JSON (the CSP forbids inline scripts); the table below it has the same
// figures for screen readers, keyboards and spreadsheets.
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
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
);

type ChartData = {
  type: 'bar' | 'line';
  indexAxis?: 'y';
  labels: string[];
  datasets: { label: string; data: number[] }[];
};

// bootstrap-italia's primary blue and companions distinguishable in greyscale; lines also differ by dash.
const COLOURS = ['#0066cc', '#d9364f', '#008758', '#a66300', '#5c6f82'];
const DASHES = [[], [6, 4], [2, 3], [10, 3, 2, 3], [1, 1]];

for (const canvas of document.querySelectorAll<HTMLCanvasElement>('canvas[data-chart]')) {
  let data: ChartData;
  try {
    data = JSON.parse(canvas.dataset.chart ?? '') as ChartData;
  } catch {
    continue;
  }
  new Chart(canvas, {
    type: data.type,
    data: {
      labels: data.labels,
      datasets: data.datasets.map((d, i) => ({
        label: d.label,
        data: d.data,
        backgroundColor: COLOURS[i % COLOURS.length],
        borderColor: COLOURS[i % COLOURS.length],
        borderDash: data.type === 'line' ? DASHES[i % DASHES.length] : undefined,
        pointStyle: (['circle', 'rect', 'triangle', 'rectRot', 'star'] as const)[i % 5],
      })),
    },
    options: {
      indexAxis: data.indexAxis ?? 'x',
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: { x: { beginAtZero: true, ticks: { precision: 0 } }, y: { beginAtZero: true, ticks: { precision: 0 } } },
      plugins: { legend: { display: true, position: 'bottom' } },
    },
  });
  canvas.dataset.rendered = 'true';
}
