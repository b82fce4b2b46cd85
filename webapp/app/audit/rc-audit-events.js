import { html, css } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { RcElement } from '../core/rc-element.js';
import { dateTime, valueText } from '../core/messages.js';

/** Audit events as rows, each change with its value before and after. Asks for a narrower filter with filter. */
export class RcAuditEvents extends RcElement {
  static properties = { items: { type: Array } };

  static styles = [RcElement.styles, css`
    table.changes { font-size: 0.85rem; width: auto; }
    table.changes th, table.changes td { padding: 0.15rem 0.5rem; border: none; }
    .before { color: var(--rc-danger); text-decoration: line-through; text-decoration-thickness: 1px; }
    .after { color: var(--rc-ok); }
    .when { white-space: nowrap; }
    .sub { display: block; font-size: 0.8rem; color: var(--rc-muted); }
    @media (max-width: 46rem) {
      thead { display: none; }
      tbody tr { display: block; border-bottom: 1px solid var(--rc-border); padding: 0.5rem 0; }
      tbody td { display: block; border: none; padding: 0.15rem 0.6rem; }
      tbody td[data-label]::before { content: attr(data-label) ': '; color: var(--rc-muted); font-size: 0.85rem; }
    }
  `];

  render() {
    return html`<div class="table-wrap"><table>
      <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">Action</th>
        <th scope="col">Target</th><th scope="col">Outcome</th><th scope="col">Changes (before → after)</th></tr></thead>
      <tbody>${repeat(this.items, (event) => event.id, (event) => this.#row(event))}</tbody>
    </table></div>`;
  }

  #row(event) {
    return html`<tr data-event-id=${event.id}>
      <td class="when" data-label="When">${dateTime(event.at)}</td>
      <td data-label="Who">${event.actor
        ? html`<button class="link" title="Only this actor's actions" @click=${() => this.emit('filter', { actor: event.actor.id })}>${event.actor.login}</button>`
        : html`<span class="muted">(nobody)</span>`}${event.sourceIp ? html`<span class="sub">${event.sourceIp}</span>` : ''}</td>
      <td data-label="Action"><code>${event.action}</code></td>
      <td data-label="Target">${this.#target(event.target)}</td>
      <td data-label="Outcome"><span class="badge ${event.outcome === 'ok' ? 'ok' : 'refused'}">${event.outcome}</span></td>
      <td data-label="Changes">${this.#changes(event.changes)}</td>
    </tr>`;
  }

  #target(target) {
    if (!target) return html`<span class="muted">—</span>`;
    return html`${target.label || target.id || ''}<span class="sub">${target.type}${target.id ? html`
      · <button class="link" title="Only actions on this target" @click=${() => this.emit('filter', { targetType: target.type, targetId: target.id })}>only this</button>` : ''}</span>`;
  }

  #changes(changes) {
    const fields = Object.entries(changes || {});
    if (!fields.length) return html`<span class="muted">—</span>`;
    return html`<table class="changes"><tbody>${fields.map(([field, change]) => html`<tr>
      <th scope="row">${field}</th>
      <td><span class="before"><span class="sr-only">before: </span>${valueText(change?.before)}</span></td>
      <td aria-hidden="true">→</td>
      <td><span class="after"><span class="sr-only">after: </span>${valueText(change?.after)}</span></td>
    </tr>`)}</tbody></table>`;
  }
}

customElements.define('rc-audit-events', RcAuditEvents);
