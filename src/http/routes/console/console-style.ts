/** The console's one stylesheet, served at /console/assets/console.css (no external resources: the console works offline). */
export const CONSOLE_CSS = `
:root {
  --bg: #f4f5f7; --panel: #fff; --text: #1f2329; --muted: #646a73; --line: #dee0e3;
  --blue: #3370ff; --blue-soft: #e1eaff; --red: #f54a45; --red-soft: #fde2e2; --orange: #ff8800; --orange-soft: #feead2;
  --green: #34c724; --green-soft: #d9f5d6; --radius: 8px;
  font-family: system-ui, -apple-system, "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", sans-serif;
  color: var(--text); background: var(--bg); font-size: 14px; line-height: 1.55;
}
* { box-sizing: border-box; }
body { margin: 0; }
a { color: var(--blue); text-decoration: none; }
a:hover { text-decoration: underline; }
h1, h2, h3 { margin: 0; font-weight: 600; }
h2 { font-size: 15px; margin-bottom: 12px; }
.en { color: var(--muted); font-weight: 400; }
.topbar { display: flex; align-items: center; gap: 16px; padding: 10px 24px; background: #1f2329; color: #fff; flex-wrap: wrap; }
.topbar a { color: #c9d7ff; }
.topbar .brand { font-size: 16px; font-weight: 600; color: #fff; }
.topbar .tenant { color: #c3c6cb; }
.topbar .spacer { flex: 1; }
.topbar form { margin: 0; }
.topbar button { background: none; border: 1px solid #646a73; color: #fff; border-radius: 6px; padding: 3px 10px; cursor: pointer; font: inherit; }
.page { max-width: 1180px; margin: 0 auto; padding: 20px 24px 48px; }
.layout { display: grid; grid-template-columns: minmax(0, 1.5fr) minmax(300px, 1fr); gap: 20px; align-items: start; }
@media (max-width: 860px) { .layout { grid-template-columns: 1fr; } }
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: var(--radius); padding: 16px 18px; margin-bottom: 20px; }
.hint { color: var(--muted); font-size: 13px; }
.whoami { display: flex; align-items: baseline; gap: 10px; margin-bottom: 16px; flex-wrap: wrap; }
.whoami h1 { font-size: 20px; }
.badge { display: inline-block; font-size: 12px; padding: 1px 8px; border-radius: 10px; background: var(--blue-soft); color: #245bdb; white-space: nowrap; }
.badge--supervisor, .badge--admin { background: var(--orange-soft); color: #b26a00; }
.badge--pending, .badge--sending { background: var(--orange-soft); color: #b26a00; }
.badge--failed, .badge--ignored { background: var(--red-soft); color: #c02a26; }
.badge--sent, .badge--processed { background: var(--green-soft); color: #237b19; }
.flash { border-radius: var(--radius); padding: 10px 14px; margin-bottom: 16px; border: 1px solid; }
.flash--ok { background: var(--green-soft); border-color: #a6e39f; }
.flash--warn { background: var(--orange-soft); border-color: #ffcf8f; }
.flash--error { background: var(--red-soft); border-color: #f9b3b0; }
.flash--info { background: var(--blue-soft); border-color: #adc6ff; }
.flash p { margin: 0; }
.empty { color: var(--muted); text-align: center; padding: 28px 0; }
.item { margin-bottom: 16px; }
.item__meta { font-size: 12px; color: var(--muted); margin: 0 0 4px 2px; display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
.bubble { background: var(--panel); border: 1px solid var(--line); border-radius: var(--radius); padding: 10px 14px; white-space: pre-wrap; word-break: break-word; }
.bubble--bot { border-left: 3px solid var(--blue); }
.users { width: 100%; border-collapse: collapse; }
.users th, .users td { text-align: left; padding: 8px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
.users th { font-size: 12px; color: var(--muted); font-weight: 500; }
.users tr:hover td { background: #f8f9fb; }
.users .name a { font-weight: 600; }
.users code { font-size: 11px; word-break: break-all; color: var(--muted); }
label.field { display: block; margin-bottom: 12px; }
label.field > span, .field-label { display: block; font-size: 13px; color: var(--muted); margin-bottom: 4px; }
select, input[type=text], input[type=password], textarea {
  width: 100%; font: inherit; padding: 7px 10px; border: 1px solid var(--line); border-radius: 6px; background: #fff; color: var(--text);
}
textarea { resize: vertical; min-height: 72px; }
select:focus, input:focus, textarea:focus { outline: 2px solid var(--blue-soft); border-color: var(--blue); }
.check { display: flex; gap: 6px; align-items: center; margin-bottom: 12px; font-size: 13px; }
.btn, .sb-button {
  display: inline-block; font: inherit; font-size: 13px; padding: 6px 14px; border-radius: 6px; border: 1px solid var(--line);
  background: #fff; color: var(--text); cursor: pointer; line-height: 1.4;
}
.btn:hover, .sb-button:hover { border-color: var(--blue); color: var(--blue); text-decoration: none; }
.btn--primary, .sb-button--primary { background: var(--blue); border-color: var(--blue); color: #fff; }
.btn--primary:hover, .sb-button--primary:hover { background: #245bdb; color: #fff; }
.sb-button--danger { background: var(--red); border-color: var(--red); color: #fff; }
.sb-button--link { color: var(--blue); }
.messages { list-style: none; margin: 0; padding: 0; }
.messages li { padding: 8px 0; border-bottom: 1px solid var(--line); }
.messages li:last-child { border-bottom: 0; }
.messages .who { font-weight: 600; }
.messages .text { white-space: pre-wrap; word-break: break-word; margin: 2px 0; }
.messages .outcome { font-size: 12px; color: var(--muted); }
code.cmd { background: #f2f3f5; padding: 1px 5px; border-radius: 4px; font-size: 12px; }
ul.tips { margin: 0; padding-left: 18px; color: var(--muted); font-size: 13px; }
/* Cards (adapters/console/render-card.ts) */
.sb-card { background: var(--panel); border: 1px solid var(--line); border-radius: var(--radius); overflow: hidden; }
.sb-card__header { padding: 10px 16px; background: var(--blue-soft); }
.sb-card--danger .sb-card__header { background: var(--red-soft); }
.sb-card--warning .sb-card__header { background: var(--orange-soft); }
.sb-card--success .sb-card__header { background: var(--green-soft); }
.sb-card__title { font-size: 15px; }
.sb-card--danger .sb-card__title { color: #c02a26; }
.sb-card__body { padding: 6px 16px 0; }
.sb-card__text { margin: 8px 0; }
.sb-card__note { margin: 8px 0; color: var(--muted); }
.sb-card__fields { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 8px 16px; margin: 10px 0; }
.sb-card__field dt { font-size: 12px; color: var(--muted); }
.sb-card__field dd { margin: 0; font-weight: 500; }
.sb-card__state { margin: 0 16px 12px; padding: 8px 12px; background: #f2f3f5; border-radius: 6px; color: #237b19; }
.sb-card__form { padding: 4px 16px 0; }
.sb-input { display: block; margin-bottom: 10px; }
.sb-input__label { display: block; font-size: 12px; color: var(--muted); margin-bottom: 4px; }
.sb-card__actions { display: flex; gap: 8px; flex-wrap: wrap; padding: 8px 16px 14px; }
.sb-card__actions form { margin: 0; }
`;
