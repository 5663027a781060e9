// GatedServer: cpp-httplib behind the ConnectionGate; see gated_server.h.
#include "web/internal/gated_server.h"

#include <sys/socket.h>
#include <unistd.h>

#include "web/internal/deadline_stream.h"

namespace qf::web::internal {
namespace {

// The accept loop's task queue: handing a connection to the gate takes microseconds, so it runs
// on the accepting thread; the gate has the workers.
class InlineQueue final : public httplib::TaskQueue {
 public:
  void enqueue(std::function<void()> fn) override { fn(); }
  void shutdown() override {}
};

// Each wait for the socket within a request (cpp-httplib's default read timeout).
constexpr std::chrono::milliseconds kIoTimeout{5'000};

}  // namespace

GatedServer::GatedServer() {
  new_task_queue = [] { return new InlineQueue(); };
}

GatedServer::~GatedServer() { StopGate(); }

void GatedServer::StartGate(const Limits& limits) {
  limits_ = limits;
  gate_ = std::make_unique<ConnectionGate>(
      ConnectionGate::Limits{limits.header_timeout, limits.per_client}, limits.workers,
      limits.quick_workers, [this](int fd, std::string head) { Serve(fd, std::move(head)); });
}

void GatedServer::StopGate() {
  if (gate_) gate_->Stop();
}

void GatedServer::WidenBacklog() {
  // listen() again on a listening socket only changes its backlog (Linux).
  if (svr_sock_ != INVALID_SOCKET) ::listen(svr_sock_, SOMAXCONN);
}

bool GatedServer::process_and_close_socket(int sock) {
  if (!gate_) {
    ::close(sock);
    return false;
  }
  gate_->Admit(sock);
  return true;
}

void GatedServer::Serve(int fd, std::string head) {
  auto deadline = [this] { return std::chrono::steady_clock::now() + limits_.request_timeout; };
  DeadlineStream stream(fd, deadline(), kIoTimeout, std::move(head));
  while (true) {
    bool connection_closed = false;
    bool ok = process_request(stream, /*close_connection=*/false, connection_closed, nullptr);
    if (!ok || connection_closed || svr_sock_ == INVALID_SOCKET) return gate_->Close(fd);
    // Waiting for the next request happens in the gate, not on this worker.
    if (!stream.HasBuffered()) return gate_->Return(fd);
    stream.SetDeadline(deadline());  // a pipelined request already arrived
  }
}

}  // namespace qf::web::internal
