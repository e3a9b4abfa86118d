/**
 * Inline CSS for the status page: one request, no external assets, light and dark through
 * prefers-color-scheme. Status is always written out in text too; colour only repeats it.
 */
export const STATUS_PAGE_CSS = `
:root{color-scheme:light dark;--bg:#f7f7f8;--card:#fff;--fg:#1b1d21;--muted:#555b66;--line:#d9dbe0;
--ok:#1f7a3a;--degraded:#9a6200;--partial:#b54708;--major:#b42318;--maint:#2457a6;--nodata:#c4c7cc;--link:#1d4ed8}
@media (prefers-color-scheme:dark){:root{--bg:#121316;--card:#1b1d22;--fg:#eceef2;--muted:#a6acb8;--line:#2e3139;
--ok:#3fb868;--degraded:#e0a526;--partial:#f08c3c;--major:#f2635a;--maint:#6c9cf0;--nodata:#3b3f48;--link:#8ab4ff}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
a{color:var(--link)}
.wrap{max-width:54rem;margin:0 auto;padding:1.5rem 1rem 3rem}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:var(--card);padding:.5rem}
.visually-hidden{position:absolute;width:1px;height:1px;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
h1{font-size:1.75rem;margin:0 0 1rem}
h2{font-size:1.2rem;margin:2rem 0 .75rem}
h3,h4{font-size:1rem;margin:0}
.group>h3{margin:1.25rem 0 .5rem;color:var(--muted);text-transform:uppercase;letter-spacing:.04em;font-size:.8rem}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:1rem;margin:0 0 .75rem}
.overall{display:flex;align-items:center;gap:.6rem;font-size:1.15rem;font-weight:600;border-left:6px solid var(--ok)}
.overall.status-degraded_performance{border-left-color:var(--degraded)}
.overall.status-partial_outage{border-left-color:var(--partial)}
.overall.status-major_outage{border-left-color:var(--major)}
.overall.status-under_maintenance{border-left-color:var(--maint)}
.generated,.meta,.description,figcaption{color:var(--muted);font-size:.875rem}
.components{list-style:none;margin:0;padding:0}
.component-head{display:flex;justify-content:space-between;gap:1rem;align-items:baseline}
.badge{font-size:.875rem;font-weight:600;white-space:nowrap}
.status-operational .badge,.badge.status-operational{color:var(--ok)}
.badge.status-degraded_performance{color:var(--degraded)}
.badge.status-partial_outage{color:var(--partial)}
.badge.status-major_outage{color:var(--major)}
.badge.status-under_maintenance{color:var(--maint)}
.uptime{margin:.6rem 0 0}
.bars{display:flex;gap:2px;list-style:none;margin:0;padding:0;height:2rem}
.bar{flex:1;border-radius:2px;background:var(--nodata)}
.bar.level-operational{background:var(--ok)}
.bar.level-degraded{background:var(--degraded)}
.bar.level-outage{background:var(--major)}
figcaption{display:flex;justify-content:space-between;margin-top:.25rem}
.incident{border-left:6px solid var(--degraded)}
.incident.impact-partial_outage{border-left-color:var(--partial)}
.incident.impact-major_outage{border-left-color:var(--major)}
.incident.resolved{border-left-color:var(--ok)}
.updates{list-style:none;margin:.75rem 0 0;padding:0}
.updates li{border-top:1px solid var(--line);padding:.5rem 0}
.updates p,.summary{margin:.25rem 0 0;white-space:pre-line}
.maintenance{border-left:6px solid var(--maint)}
footer{margin-top:2.5rem;color:var(--muted);font-size:.875rem}
`;
