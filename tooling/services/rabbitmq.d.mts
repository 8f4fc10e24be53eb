export declare const RABBITMQ_PLUGINS: string;
export declare const MANAGEMENT_PORT: number;

/** The management API of the machine's RabbitMQ, enabling its plugin first if need be. */
export declare function rabbitmqManagement(options?: { waitMs?: number }): Promise<{ ok: true; url: string } | { ok: false; reason: string }>;
