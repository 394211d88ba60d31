// The API client the pages share: JSON both ways, the bearer token, and every failure turned into an
// Error whose message is the problem detail in words, or the page's own plainer words for its type.
'use strict';

/**
 * A function api(method, path, body, headers) calling the API under /api/v1.
 *
 * @param token       answers the bearer token to send, or nothing when signed out
 * @param words       plainer words by problem type (the part after the last ':'), for details written for API callers
 * @param unreachable what to say when the service cannot be reached at all
 * @param onResponse  sees every response first (the buyer's page reads the service's clock from it)
 */
function apiClient({ token, words = {}, unreachable, onResponse = () => {} }) {
  return async function api(method, path, body, headers = {}) {
    const init = { method, headers: { Accept: 'application/json', ...headers } };
    const bearer = token();
    if (bearer) init.headers.Authorization = 'Bearer ' + bearer;
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch('/api/v1' + path, init);
    } catch (e) {
      throw Object.assign(new Error(unreachable), { status: 0 });
    }
    onResponse(response);
    if (response.status === 204) return null;
    if (!response.ok) throw await problem(response, words);
    return response.json().catch(() => ({}));
  };
}

/** The failed response's problem detail as an Error: its message in words, with status, type, retryAfter and the payload. */
async function problem(response, words = {}) {
  const payload = await response.json().catch(() => ({}));
  const retry = response.headers.get('Retry-After');
  const type = payload.type || '';
  const detail = words[type.slice(type.lastIndexOf(':') + 1)] || payload.detail || payload.title
    || 'Something went wrong (' + response.status + ').';
  return Object.assign(new Error(retry ? sentence(detail) + ' Please try again in ' + retry + ' s.' : detail),
    { status: response.status, type, retryAfter: Number(retry || 0), payload });
}

/** Problem details may end without a full stop; one is added before another sentence follows. */
function sentence(text) {
  return /[.!?]$/.test(text) ? text : text + '.';
}
