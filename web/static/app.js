// Progressive enhancement of the staff pages: every page works without this file.
// Charts: each .chart element carries its data in data-chart ({type, labels, values}); the numbers
// are also in the table beside it.
(function () {
  'use strict';
  function drawCharts() {
    if (typeof window.echarts === 'undefined') return;
    document.querySelectorAll('.chart[data-chart]').forEach(function (el) {
      var spec;
      try { spec = JSON.parse(el.getAttribute('data-chart')); } catch (e) { return; }
      if (!spec.labels || spec.labels.length === 0) { el.style.display = 'none'; return; }
      var chart = window.echarts.init(el, null, { renderer: 'svg' });
      var option;
      if (spec.type === 'pie') {
        option = {
          tooltip: { trigger: 'item' },
          series: [{ type: 'pie', radius: ['35%', '65%'],
            data: spec.labels.map(function (l, i) { return { name: l, value: spec.values[i] }; }) }]
        };
      } else {
        option = {
          tooltip: { trigger: 'axis' },
          grid: { left: 60, right: 20, top: 20, bottom: 70 },
          xAxis: { type: 'category', data: spec.labels, axisLabel: { rotate: 35, fontSize: 10 } },
          yAxis: { type: 'value' },
          series: [{ type: spec.type === 'line' ? 'line' : 'bar', data: spec.values,
            itemStyle: { color: '#b22222' } }]
        };
      }
      chart.setOption(option);
      window.addEventListener('resize', function () { chart.resize(); });
    });
  }
  function bindSelectAll(root) {
    root.querySelectorAll('.select-all').forEach(function (box) {
      box.addEventListener('change', function () {
        var form = box.closest('form');
        form.querySelectorAll('input[name="fp"]').forEach(function (c) { c.checked = box.checked; });
      });
    });
  }
  document.addEventListener('DOMContentLoaded', function () {
    drawCharts();
    bindSelectAll(document);
  });
  document.addEventListener('htmx:afterSwap', function (e) { bindSelectAll(e.target); });
})();
