import { LitElement, html } from 'lit';
import { shared } from './styles.js';
import { fieldErrorText, problemText } from './messages.js';

/**
 * The base of every element: the shared styles, and the small templates every screen repeats
 * (a problem banner, a field's error, a loading line). Subclasses add `static styles = [RcElement.styles, css`…`]`.
 */
export class RcElement extends LitElement {
  static styles = [shared];

  /** A banner for a failed request, read out when it appears. */
  problemBanner(error, extra) {
    if (!error) return '';
    return html`<div class="banner error" role="alert"><p>${problemText(error)}</p>${extra || ''}</div>`;
  }

  okBanner(message) {
    return message ? html`<div class="banner ok" role="status"><p>${message}</p></div>` : '';
  }

  /** The error next to a field, named by its id so the field can point at it (aria-describedby). */
  fieldError(id, error, field) {
    const text = typeof error === 'string' ? error : fieldErrorText(error, field);
    return text ? html`<span class="field-error" id="${id}-error">${text}</span>` : '';
  }

  waiting(what) {
    return html`<p class="loading" role="status">Loading ${what}…</p>`;
  }

  /** Sends an event up through shadow roots, for the parent element to handle. */
  emit(name, detail) {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  /** Moves focus to the first control the error concerns (or the page heading), once rendered. */
  async focusFirst(selector) {
    await this.updateComplete;
    this.renderRoot.querySelector(selector)?.focus();
  }
}
