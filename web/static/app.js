// Progressive enhancement of the staff pages: every page works without this file.
// Charts: each .chart element carries its data in data-chart ({type, labels, values}); the numbers
// are also in the table beside it.
(function () {
  'use strict';
  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  function drawCharts() {
    if (typeof window.echarts === 'undefined') return;
    document.querySelectorAll('.chart[data-chart]').forEach(function (el) {
      var spec;
      try { spec = JSON.parse(el.getAttribute('data-chart')); } catch (e) { return; }
      if (!spec.labels || spec.labels.length === 0) { el.style.display = 'none'; return; }
      var chart = window.echarts.init(el, null, { renderer: 'svg' });
      var option;
      if (spec.type === 'pie') {
        // Labels outside the ring, wrapped at four characters, and a ring small enough that
        // a label beside it ends inside the chart: ECharts otherwise shortened labels to "…" or
        // left them out where the chart is narrow (the report's cards), and cut them at the edge.
        var labelWidth = 48, line = 14;
        var half = Math.min(el.clientWidth, el.clientHeight) / 2;
        var outer = Math.max(24, Math.min(half * 0.62, el.clientWidth / 2 - line - labelWidth - 8));
        option = {
          tooltip: { trigger: 'item' },
          series: [{ type: 'pie', radius: [Math.round(outer * 0.55), Math.round(outer)],
            center: ['50%', '50%'],
            avoidLabelOverlap: true, minShowLabelAngle: 3,
            label: { formatter: '{b}\n{c}', fontSize: 11, width: labelWidth, overflow: 'break' },
            labelLine: { length: 8, length2: 6 },
            labelLayout: { hideOverlap: true, moveOverlap: 'shiftY' },
            data: spec.labels.map(function (l, i) { return { name: l, value: spec.values[i] }; }) }]
        };
      } else {
        // spec.axis: short axis labels (R01 … R26), the full label in the tooltip.
        var axis = spec.axis && spec.axis.length === spec.labels.length ? spec.axis : null;
        // Short labels stand upright while each has 20 px (26 rules on a dashboard card), and
        // turn steeply in a narrower chart so that neighbours clear each other.
        var rotated = axis ? el.clientWidth / axis.length < 20 : spec.labels.length > 4;
        option = {
          tooltip: axis ? { trigger: 'axis', formatter: function (params) {
            var p = params[0];
            return escapeHtml(spec.labels[p.dataIndex]) + '<br>' + escapeHtml(String(p.value));
          } } : { trigger: 'axis' },
          // containLabel: the margins grow to hold the axis labels (long community names were cut
          // at the bottom); every label shown, long ones ended with "…". A rotated first label
          // reaches left of the value axis, which containLabel does not count: the left margin
          // leaves it room (96 px wide at 40° is 74 px across).
          grid: { left: rotated && !axis ? 64 : 12, right: 16, top: 20, bottom: 8, containLabel: true },
          xAxis: { type: 'category', data: axis || spec.labels,
            axisLabel: { rotate: rotated ? (axis ? 60 : 40) : 0, fontSize: axis ? 9 : 10, interval: 0,
              width: 96, overflow: 'truncate' } },
          yAxis: { type: 'value' },
          series: [{ type: spec.type === 'line' ? 'line' : 'bar', data: spec.values,
            itemStyle: { color: '#b22222' } }]
        };
      }
      // Bars grow from zero for a second by default: a browser driven by a test (screenshots)
      // sees the final chart at once, a person a short animation.
      option.animation = !navigator.webdriver;
      option.animationDuration = 300;
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
  // 打印 on a document page: the print style sheet lays the paper out on A4.
  function bindPrint(root) {
    root.querySelectorAll('[data-print]').forEach(function (button) {
      button.addEventListener('click', function () { window.print(); });
    });
  }
  document.addEventListener('DOMContentLoaded', function () {
    drawCharts();
    bindSelectAll(document);
    bindPrint(document);
  });
  document.addEventListener('htmx:afterSwap', function (e) { bindSelectAll(e.target); });
})();
