import Hummingbird
import HummingbirdCore
import HummingbirdHTTP2
import Logging
import NIOCore
import NIOSSL
import NIOTLS

/// The TLS server channel with a deadline on the handshake. Hummingbird's idle timeout only
/// starts once HTTP is negotiated, so a client that connects and never finishes its TLS
/// handshake would hold a descriptor and ~32 KB for good (500 of them made the certificate
/// reloader fail to open files): here it is closed after `timeout`.
struct HandshakeDeadlineChannel: ServerChildChannel {
    typealias Value = HTTP2UpgradeChannel.Value
    let inner: HTTP2UpgradeChannel
    let timeout: TimeAmount

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let future = inner.setup(channel: channel, logger: logger)
        do {
            // Right after the TLS handler, where its handshake-completed event passes.
            let sync = channel.pipeline.syncOperations
            let tls = try sync.handler(type: NIOSSLServerHandler.self)
            try sync.addHandler(HandshakeDeadlineHandler(timeout: timeout), position: .after(tls))
        } catch {
            channel.close(promise: nil)
        }
        return future
    }

    func handle(value: Value, logger: Logger) async {
        await inner.handle(value: value, logger: logger)
    }
}

/// Closes the connection unless the TLS handshake completes in time, then gets out of the way.
final class HandshakeDeadlineHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny
    let timeout: TimeAmount
    private var timer: Scheduled<Void>?

    init(timeout: TimeAmount) { self.timeout = timeout }

    func handlerAdded(context: ChannelHandlerContext) {
        let channel = context.channel
        timer = context.eventLoop.scheduleTask(in: timeout) { channel.close(promise: nil) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case TLSUserEvent.handshakeCompleted = event {
            timer?.cancel()
            timer = nil
            context.fireUserInboundEventTriggered(event)
            context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }
}
