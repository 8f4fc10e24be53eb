import { option } from '@spinel/sdk';

// Diamond's MongoDBCollector options, with the bounds it lacked.
export const options = {
  hosts: option.stringList(
    ['localhost'],
    "Servers, each `[<alias>@]<host>[:<port>]` or a mongodb:// URI; with more than one, each server's figures go under its alias, or its host with `:` and `.` as `_`.",
  ),
  host: option.string('', "Diamond's older single `host`; when set, it is the one server read."),
  user: option.string('', 'User to authenticate as (on admin); sent only with passwd.'),
  passwd: option.string('', 'Its password.', { secret: true }),
  databases: option.regex('.*', 'Databases whose dbStats and collections are read (searched).'),
  ignore_collections: option.regex('^tmp\\.mr\\.', 'Collections left out (searched).'),
  collection_sample_rate: option.number(1, "Share of collections read (0-1), chosen by their name's CRC32 so every replica picks the same ones.", {
    min: 0,
    max: 1,
  }),
  simple: option.boolean(false, "Publish only serverStatus' connections, globalLock and indexCounters (the rates and percentages still)."),
  translate_collections: option.boolean(false, "Write a collection name's dots as `_`."),
  replace_dashes_in_metric_keys: option.boolean(true, 'Write dashes in keys as dots, as Diamond did.'),
  replica: option.boolean(false, "Also read replSetGetStatus: the set's figures, healthy and total nodes, and each member's figures."),
  replset_node_name: option.string('_id', "The member field that names a member's figures (its first dotted part)."),
  ssl: option.boolean(false, 'Connect with TLS.'),
  network_timeout: option.number(5, 'Seconds to wait for a server or an answer.', { min: 0.1 }),
  max_collections: option.number(
    2000,
    'Most collections read a run (one collStats each); past it the run fails, naming the limit: narrow databases or ignore_collections.',
    { min: 1, integer: true },
  ),
};
