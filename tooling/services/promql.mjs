// The Prometheus HTTP API's instant query, which Prometheus and VictoriaMetrics both answer.

/** `GET <url>/api/v1/query`: data.result, or an Error with the answer when the status is not success. */
export async function instantQuery(url, promql, time) {
  const params = new URLSearchParams({ query: promql });
  if (time !== undefined) params.set('time', String(time));
  const body = await (await fetch(`${url}/api/v1/query?${params}`)).json();
  if (body.status !== 'success') throw new Error(`PromQL ${promql}: ${JSON.stringify(body)}`);
  return body.data.result;
}
