import { css } from 'lit';

/** What every element shares: type, controls, focus ring, banners, chips, badges, tables. */
export const shared = css`
  :host { display: block; }
  *, *::before, *::after { box-sizing: border-box; }
  [hidden] { display: none !important; }
  h1 { font-size: 1.5rem; line-height: 1.25; margin: 0 0 1rem; }
  h2 { font-size: 1.15rem; margin: 1.75rem 0 0.5rem; }
  h1:focus { outline: none; }
  p { margin: 0 0 0.75rem; }
  a { color: var(--rc-link); }
  :focus-visible { outline: 3px solid var(--rc-focus); outline-offset: 2px; }
  button, .button {
    font: inherit; font-weight: 600; display: inline-flex; align-items: center; justify-content: center;
    gap: 0.35rem; min-height: 2.5rem; padding: 0.4rem 0.9rem; border-radius: 6px; cursor: pointer;
    border: 1px solid var(--rc-border-strong); background: var(--rc-surface); color: var(--rc-text);
    text-decoration: none; white-space: nowrap;
  }
  button:hover, .button:hover { border-color: var(--rc-accent); }
  .primary { background: var(--rc-accent); border-color: var(--rc-accent); color: var(--rc-on-accent); }
  .danger { color: var(--rc-danger); border-color: var(--rc-danger); }
  .link { border: none; background: none; padding: 0; min-height: auto; color: var(--rc-link); text-decoration: underline; font-weight: normal;
    white-space: normal; text-align: left; overflow-wrap: break-word; }
  button:disabled { opacity: 0.55; cursor: not-allowed; }
  input, select, textarea {
    font: inherit; color: var(--rc-text); background: var(--rc-field); min-height: 2.5rem;
    padding: 0.35rem 0.55rem; border: 1px solid var(--rc-border-strong); border-radius: 6px; max-width: 100%;
  }
  input[aria-invalid='true'], select[aria-invalid='true'] { border-color: var(--rc-danger); border-width: 2px; }
  input[type='checkbox'], input[type='radio'] { min-height: auto; width: 1.15rem; height: 1.15rem; margin: 0; accent-color: var(--rc-accent); }
  input[role='switch'] {
    appearance: none; position: relative; width: 2.6rem; height: 1.5rem; border-radius: 999px; padding: 0;
    background: var(--rc-border-strong); border: none; cursor: pointer; flex: none;
  }
  input[role='switch']::before {
    content: ''; position: absolute; top: 0.2rem; left: 0.2rem; width: 1.1rem; height: 1.1rem;
    border-radius: 50%; background: #fff; transition: left 0.15s;
  }
  input[role='switch']:checked { background: var(--rc-accent); }
  input[role='switch']:checked::before { left: 1.3rem; }
  .switch { display: inline-flex; align-items: center; gap: 0.5rem; font-weight: 600; cursor: pointer; }
  label, legend { font-weight: 600; }
  fieldset { border: 1px solid var(--rc-border); border-radius: 8px; margin: 0 0 1rem; padding: 0.5rem 0.9rem 0.9rem; min-width: 0; }
  .field { display: flex; flex-direction: column; gap: 0.25rem; margin: 0 0 1rem; }
  .hint { font-weight: normal; font-size: 0.875rem; color: var(--rc-muted); }
  .field-error { color: var(--rc-danger); font-size: 0.9rem; font-weight: 600; }
  .banner { padding: 0.7rem 1rem; border-radius: 8px; border: 1px solid var(--rc-border); margin: 0 0 1rem; background: var(--rc-surface); }
  .banner.error { background: var(--rc-danger-bg); border-color: var(--rc-danger); }
  .banner.ok { background: var(--rc-ok-bg); border-color: var(--rc-ok); }
  .banner.warn { background: var(--rc-warn-bg); border-color: var(--rc-focus); }
  .banner > :last-child { margin-bottom: 0; }
  .chip {
    display: inline-block; padding: 0.05rem 0.55rem; margin: 0.1rem 0.2rem 0.1rem 0; border-radius: 999px;
    background: var(--rc-chip); font-size: 0.8rem; font-weight: 600; white-space: nowrap;
  }
  .badge { display: inline-block; padding: 0.05rem 0.5rem; border-radius: 4px; font-size: 0.8rem; font-weight: 700; border: 1px solid; }
  .badge.active { color: var(--rc-ok); border-color: var(--rc-ok); background: var(--rc-ok-bg); }
  .badge.inactive { color: var(--rc-muted); border-color: var(--rc-border-strong); }
  .badge.refused, .badge.problem { color: var(--rc-danger); border-color: var(--rc-danger); background: var(--rc-danger-bg); }
  .badge.ok { color: var(--rc-ok); border-color: var(--rc-ok); }
  .card > h2:first-of-type { margin-top: 0; }
  .card { background: var(--rc-surface); border: 1px solid var(--rc-border); border-radius: 10px; padding: 1rem; margin: 0 0 1rem; }
  .toolbar { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: flex-end; margin: 0 0 1rem; }
  .page-head { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; justify-content: space-between; margin: 0 0 1rem; }
  .page-head h1 { margin: 0; }
  .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
  .muted, .loading, .empty { color: var(--rc-muted); }
  .empty { padding: 1.5rem 0; text-align: center; }
  .sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
  .table-wrap { position: relative; overflow-x: auto; background: var(--rc-surface); border: 1px solid var(--rc-border); border-radius: 10px; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; vertical-align: top; padding: 0.5rem 0.65rem; border-bottom: 1px solid var(--rc-border); }
  th { font-size: 0.85rem; }
  code { font-size: 0.85em; overflow-wrap: break-word; }
`;
