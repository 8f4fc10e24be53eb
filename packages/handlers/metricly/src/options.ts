import { option } from '@spinel/sdk';

// Diamond's NetuitiveHandler names where it had the option (url, api_key, tags, relations,
// location); samples per POST are the delivery core's `batch_size`.
export const options = {
  url: option.string('https://api.app.netuitive.com/ingest/infrastructure', 'Ingest URL, without the API key.'),
  api_key: option.requiredString('Data source API key; appended to the URL and never logged.', { secret: true }),
  tags: option.stringList([], 'Element tags as `name:value` (Diamond: `tags = env:prod, team:web`).'),
  relations: option.stringList([], 'Fully qualified names of related elements.'),
  location: option.optionalString('Location of the element.'),
  element_type: option.string('SERVER', 'Element type.'),
  element_id: option.optionalString("Element id and name; default the sample's host name."),
  timeout: option.number(10, 'Seconds allowed to connect, then for the response headers, then between body chunks.', { min: 0.1 }),
  metadata: option.boolean(true, 'Describe the element with attributes: platform, cpus, ram, boot time, distribution (read once at start).'),
  docker_metadata: option.boolean(true, "Add the local Docker engine's version as `docker_*` attributes when one answers."),
  check_in: option.boolean(false, 'Send a check-in after successful posts, at most every check_in_ttl / 2 seconds.'),
  check_in_name: option.string('spinel', 'Name of the check-in.'),
  check_in_ttl: option.number(120, 'Seconds after which Metricly alarms if no check-in arrived.', { min: 10, integer: true }),
  startup_event: option.boolean(false, 'Post an INFO event when the handler starts.'),
};
