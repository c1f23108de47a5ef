namespace Harness.Pipeline.Report;

/// <summary>The page's inline stylesheet and script (the page loads nothing from anywhere).</summary>
public static class PageStyle
{
    public const string Css = """
        :root { --ink:#1f2937; --muted:#6b7280; --line:#e5e7eb; --bg:#f6f7f9; --card:#fff; --accent:#0072B2;
                --ok:#047857; --ok-bg:#d1fae5; --bad:#b91c1c; --bad-bg:#fee2e2; --warn:#92400e; --warn-bg:#fef3c7; }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body { margin:0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
               color:var(--ink); background:var(--bg); }
        code, .kv { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 12.5px; }
        header.top { background:#111827; color:#f9fafb; padding:18px 32px 14px; }
        header.top h1 { margin:0; font-size:20px; font-weight:650; letter-spacing:.2px; }
        header.top .meta { color:#9ca3af; font-size:12.5px; margin-top:4px; }
        header.top .meta code { color:#d1d5db; }
        nav.toc { position:sticky; top:0; z-index:5; background:#fff; border-bottom:1px solid var(--line); padding:8px 32px;
                  display:flex; flex-wrap:wrap; gap:6px 18px; font-size:13px; }
        nav.toc a { color:var(--ink); text-decoration:none; display:inline-flex; align-items:center; gap:6px; }
        nav.toc a:hover { color:var(--accent); }
        .dot { width:8px; height:8px; border-radius:50%; display:inline-block; }
        .dot.complete { background:#10b981; } .dot.partial { background:#f59e0b; } .dot.missing { background:#d1d5db; } .dot.error { background:#ef4444; }
        main { max-width:1320px; margin:0 auto; padding:12px 32px 40px; }
        section.report { background:var(--card); border:1px solid var(--line); border-radius:10px; padding:6px 22px 20px; margin:18px 0; }
        section.report > h2 { font-size:17px; margin:14px 0 6px; display:flex; align-items:center; gap:10px; }
        h3 { font-size:14.5px; margin:20px 0 8px; color:#111827; }
        h4 { font-size:13.5px; margin:16px 0 6px; }
        .status { font-size:11px; font-weight:600; text-transform:uppercase; letter-spacing:.5px; padding:2px 8px; border-radius:999px; }
        .status.complete { background:var(--ok-bg); color:var(--ok); } .status.partial { background:var(--warn-bg); color:var(--warn); }
        .status.missing { background:#f3f4f6; color:var(--muted); } .status.error { background:var(--bad-bg); color:var(--bad); }
        .note { color:var(--muted); margin:6px 0 10px; }
        .note code { color:var(--ink); }
        .notice { border-radius:8px; padding:10px 14px; margin:10px 0; border:1px solid; }
        .notice.missing { background:#f9fafb; border-color:#d1d5db; color:#374151; }
        .notice.error { background:var(--bad-bg); border-color:#fca5a5; color:#7f1d1d; }
        .notice code { word-break: break-all; }
        .grid { display:grid; grid-template-columns:repeat(auto-fill, minmax(440px, 1fr)); gap:14px; margin:10px 0; }
        figure.chart-box, div.chart-box { margin:0; border:1px solid var(--line); border-radius:8px; padding:8px 8px 4px; background:#fff; }
        div.chart-box.empty { display:flex; align-items:center; justify-content:center; min-height:80px; }
        figure.chart-box > svg { display:block; width:100%; height:auto; }
        figure.chart-box figcaption { color:var(--muted); font-size:12px; padding:2px 6px 4px; }
        section.report > figure.chart-box, section.report > .chart-box { max-width:900px; margin:12px 0; }
        svg.chart text { fill:#4b5563; }
        svg.chart text.chart-title { fill:#111827; }
        svg.chart .legend-item { cursor:pointer; }
        svg.chart .legend-item.off { opacity:.35; }
        svg.chart .legend-item:focus { outline:none; }
        svg.chart .legend-item:focus-visible text { text-decoration:underline; }
        svg.chart circle:hover { r:5; }
        svg.chart rect:hover { fill-opacity:.6; }
        .table-wrap { overflow-x:auto; margin:8px 0 12px; }
        table { border-collapse:collapse; width:100%; font-size:13px; }
        table.compact { width:auto; min-width:560px; }
        caption { caption-side:bottom; text-align:left; color:var(--muted); font-size:12px; padding-top:6px; }
        th, td { padding:6px 10px; border-bottom:1px solid var(--line); text-align:left; vertical-align:top; }
        th { font-weight:600; color:#374151; background:#f9fafb; white-space:nowrap; }
        td.num, th.num { text-align:right; font-variant-numeric:tabular-nums; white-space:nowrap; }
        tbody tr:hover { background:#f9fafb; }
        strong.best { color:#065f46; }
        table.recipe td:first-child { font-weight:600; white-space:nowrap; }
        .kv { display:inline-block; background:#f3f4f6; border-radius:4px; padding:1px 6px; margin:1px 2px; color:#374151; }
        .evidence { margin-top:4px; }
        .cards { display:grid; grid-template-columns:repeat(auto-fill, minmax(150px, 1fr)); gap:10px; margin:10px 0 14px; }
        .card { border:1px solid var(--line); border-radius:8px; padding:10px 12px; background:#fcfcfd; }
        .card-label { font-size:11.5px; color:var(--muted); text-transform:uppercase; letter-spacing:.4px; }
        .card-value { font-size:20px; font-weight:650; font-variant-numeric:tabular-nums; margin-top:2px; }
        .card-hint { font-size:12px; color:var(--muted); }
        .pill { font-size:11.5px; font-weight:600; padding:1px 8px; border-radius:999px; text-transform:uppercase; }
        .pill.pass { background:var(--ok-bg); color:var(--ok); } .pill.fail { background:var(--bad-bg); color:var(--bad); }
        .pill.skip { background:#f3f4f6; color:var(--muted); }
        .verdict { display:inline-flex; align-items:baseline; gap:12px; font-weight:700; font-size:18px; padding:6px 14px; border-radius:8px; margin:8px 0; }
        .verdict span { font-weight:500; font-size:13px; }
        .verdict.pass { background:var(--ok-bg); color:var(--ok); } .verdict.fail { background:var(--bad-bg); color:var(--bad); }
        details { margin:8px 0; } summary { cursor:pointer; color:var(--accent); }
        footer { color:var(--muted); font-size:12px; text-align:center; padding:10px 0 30px; }
        @media print { nav.toc { position:static; } section.report { break-inside:avoid-page; } }
        """;

    /// <summary>Legend entries toggle their series and its value labels (click, Enter or Space); nothing else runs.</summary>
    public const string Script = """
        (function () {
          'use strict';
          function toggle(item) {
            var target = item.getAttribute('data-target');
            var group = document.getElementById(target);
            if (!group) { return; }
            var hidden = group.style.display === 'none';
            group.style.display = hidden ? '' : 'none';
            var labels = document.getElementById(target + '-labels');
            if (labels) { labels.style.display = group.style.display; }
            item.setAttribute('aria-pressed', hidden ? 'true' : 'false');
            item.classList.toggle('off', !hidden);
          }
          var items = document.querySelectorAll('svg.chart .legend-item');
          for (var i = 0; i < items.length; i++) {
            (function (item) {
              item.addEventListener('click', function () { toggle(item); });
              item.addEventListener('keydown', function (e) {
                if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); toggle(item); }
              });
            })(items[i]);
          }
        })();
        """;
}
