export { TcpConnection, UdpSender, type TcpOptions } from './connection.js';
