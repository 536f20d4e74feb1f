/**
 * The fixed parts of the cohort page: its style sheet, its colours (Okabe-Ito, told apart with
 * any colour vision) and the script that draws the charts with Chart.js from the page's JSON
 * block. The page lists the hashes of its style and scripts in its Content Security Policy, so
 * these run and nothing else does.
 *
 * @internal The `microcred` command, not part of the package's imports.
 * @packageDocumentation
 */

/** The id of the JSON block holding the charts' data. */
export const pageDataId = 'microcred-report-data'

/** The colour of each mode's bars. */
export const colours = { faceToFace: '#0072B2', online: '#E69F00', homework: '#009E73' } as const
/** The colour of the required hours' bars. */
export const requiredColour = '#9E9E9E'
/** The colour of the percent complete bars. */
export const percentColour = '#56B4E9'

/** The page's style sheet (the charts' heights are added per cohort). */
export const baseStyle = `
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 70rem; padding: 0 1rem; color: #1a1a1a; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.25rem; margin-top: 2.5rem; }
.charts { display: flex; flex-wrap: wrap; gap: 1.5rem; }
figure { margin: 0; flex: 1 1 30rem; }
figcaption { font-weight: 600; margin-bottom: .5rem; }
.chart { position: relative; }
table { border-collapse: collapse; margin-top: 1.5rem; width: 100%; }
caption { text-align: left; font-weight: 600; padding-bottom: .5rem; }
th, td { border: 1px solid #ccc; padding: .25rem .5rem; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
thead th { background: #f2f2f2; }
.notes { color: #444; }
`

/** The script that draws the charts from the JSON block, once Chart.js has loaded. */
export const drawingScript = `
(() => {
  'use strict'
  const data = JSON.parse(document.getElementById(${JSON.stringify(pageDataId)}).textContent)
  Chart.defaults.animation = false
  Chart.defaults.maintainAspectRatio = false
  data.cohorts.forEach((cohort, i) => {
    new Chart(document.getElementById('cohort-' + i + '-modes'), {
      type: 'bar',
      data: {
        labels: data.modes.map((m) => m.label),
        datasets: [
          { label: 'Credited', data: data.modes.map((m) => cohort.hours[m.mode].credited), backgroundColor: data.modes.map((m) => m.colour) },
          { label: 'Required', data: data.modes.map((m) => cohort.hours[m.mode].required), backgroundColor: data.requiredColour },
        ],
      },
      options: { scales: { y: { beginAtZero: true, title: { display: true, text: 'hours' } } } },
    })
    new Chart(document.getElementById('cohort-' + i + '-educators'), {
      type: 'bar',
      data: {
        labels: cohort.educators.map((e) => e.name),
        datasets: data.modes.map((m) => ({ label: m.label, data: cohort.educators.map((e) => e.hours[m.mode].credited), backgroundColor: m.colour })),
      },
      options: {
        indexAxis: 'y',
        scales: {
          x: { stacked: true, beginAtZero: true, suggestedMax: cohort.mostRequired, title: { display: true, text: 'hours (axis to the most required)' } },
          y: { stacked: true },
        },
      },
    })
    new Chart(document.getElementById('cohort-' + i + '-percent'), {
      type: 'bar',
      data: {
        labels: cohort.educators.map((e) => e.name),
        datasets: [{ label: 'Percent complete', data: cohort.educators.map((e) => e.percentComplete), backgroundColor: data.percentColour }],
      },
      options: { indexAxis: 'y', scales: { x: { min: 0, max: 100, title: { display: true, text: 'percent complete' } } } },
    })
  })
})()
`
