// ConnectionGate: connections wait here for their request header; see connection_gate.h.
#include "web/internal/connection_gate.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <charconv>
#include <string_view>
#include <vector>

#include "web/internal/deadline_stream.h"

namespace qf::web::internal {
namespace {

using SteadyClock = std::chrono::steady_clock;

// Beyond this a header is refused by cpp-httplib anyway: the worker answers it.
constexpr size_t kMaxHead = 16 * 1024;

bool HeaderComplete(const std::string& head) {
  return head.find("\r\n\r\n") != std::string::npos || head.find("\n\n") != std::string::npos;
}

// The value of header `name` (lower case, with its colon) in `head`, "" when absent.
std::string_view HeaderValue(std::string_view head, std::string_view name) {
  for (size_t line = head.find('\n'); line != std::string_view::npos;
       line = head.find('\n', line + 1)) {
    std::string_view rest = head.substr(line + 1);
    if (rest.size() < name.size()) break;
    bool same = true;
    for (size_t i = 0; i < name.size() && same; ++i) {
      same = std::tolower(static_cast<unsigned char>(rest[i])) == name[i];
    }
    if (!same) continue;
    rest = rest.substr(name.size(), rest.find('\n') - name.size());
    while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) rest.remove_prefix(1);
    while (!rest.empty() && std::isspace(static_cast<unsigned char>(rest.back()))) {
      rest.remove_suffix(1);
    }
    return rest;
  }
  return {};
}

// How a request stands for the two pools. kWhole: a public page (/m/...) or asset (/static/...)
// whose body, if it has one, is all in `head` already, and nothing after it (a worker serves the
// requests a client pipelined behind its first one, and one of those may still be sending its
// body) — for the quick workers. kBodyToCome: such a request whose small body has not all arrived
// yet (clients often write the header and the body apart). kOther: everything else.
enum class Arrival { kWhole, kBodyToCome, kOther };

Arrival ArrivalOf(std::string_view head) {
  const size_t space = head.find(' ');
  if (space == std::string_view::npos) return Arrival::kOther;
  const std::string_view target = head.substr(space + 1);
  if (!target.starts_with("/m/") && !target.starts_with("/static/")) return Arrival::kOther;
  const size_t end = head.find("\r\n\r\n");
  if (end == std::string_view::npos) return Arrival::kOther;
  const std::string_view header = head.substr(0, end + 2);
  if (!HeaderValue(header, "transfer-encoding:").empty()) return Arrival::kOther;
  const std::string_view length = HeaderValue(header, "content-length:");
  size_t body = 0;
  if (!length.empty()) {
    auto [ptr, ec] = std::from_chars(length.data(), length.data() + length.size(), body);
    if (ec != std::errc() || ptr != length.data() + length.size()) return Arrival::kOther;
  }
  const size_t received = head.size() - (end + 4);
  if (received == body) return Arrival::kWhole;
  if (received < body && end + 4 + body <= kMaxHead) return Arrival::kBodyToCome;
  return Arrival::kOther;
}

// How long the gate waits for the rest of a public request's small body before a worker of the
// other pool takes it (and waits for it there, to its own deadline).
constexpr std::chrono::milliseconds kBodyGrace{100};

}  // namespace

ConnectionGate::ConnectionGate(Limits limits, int workers, int quick_workers, ServeFn serve)
    : limits_(limits),
      serve_(std::move(serve)),
      workers_(std::make_unique<httplib::ThreadPool>(static_cast<size_t>(workers))),
      quick_workers_(std::make_unique<httplib::ThreadPool>(static_cast<size_t>(quick_workers))) {
  if (::pipe2(wake_, O_NONBLOCK | O_CLOEXEC) != 0) wake_[0] = wake_[1] = -1;
  thread_ = std::thread([this] { Run(); });
}

ConnectionGate::~ConnectionGate() {
  Stop();
  for (int fd : wake_) {
    if (fd >= 0) ::close(fd);
  }
}

void ConnectionGate::Wake() {
  char byte = 1;
  if (wake_[1] >= 0) (void)!::write(wake_[1], &byte, 1);
}

void ConnectionGate::Admit(int fd) {
  std::string client = PeerAddress(fd);
  std::lock_guard lock(mutex_);
  if (stopping_) {
    ::close(fd);
    return;
  }
  const bool full = limits_.per_client > 0 && per_client_[client] >= limits_.per_client;
  if (full && !EvictOldestWaitingLocked(client)) {
    ::close(fd);
    return;
  }
  auto now = SteadyClock::now();
  connections_[fd] = Connection{client, true, now + limits_.header_timeout, now, {}, {}};
  ++per_client_[client];
  Wake();
}

void ConnectionGate::Return(int fd) {
  std::lock_guard lock(mutex_);
  auto it = connections_.find(fd);
  if (it == connections_.end()) return;
  if (stopping_) return CloseLocked(fd);
  it->second.waiting = true;
  it->second.head.clear();
  it->second.since = SteadyClock::now();
  it->second.deadline = it->second.since + limits_.header_timeout;
  Wake();
}

void ConnectionGate::Close(int fd) {
  std::lock_guard lock(mutex_);
  CloseLocked(fd);
}

void ConnectionGate::CloseLocked(int fd) {
  auto it = connections_.find(fd);
  if (it == connections_.end()) return;
  auto count = per_client_.find(it->second.client);
  if (count != per_client_.end() && --count->second <= 0) per_client_.erase(count);
  connections_.erase(it);
  ::close(fd);
}

bool ConnectionGate::EvictOldestWaitingLocked(const std::string& client) {
  auto oldest = connections_.end();
  for (auto it = connections_.begin(); it != connections_.end(); ++it) {
    if (!it->second.waiting || it->second.client != client) continue;
    if (oldest == connections_.end() || it->second.since < oldest->second.since) oldest = it;
  }
  if (oldest == connections_.end()) return false;
  CloseLocked(oldest->first);
  return true;
}

void ConnectionGate::ExpireLocked() {
  auto now = SteadyClock::now();
  std::vector<int> expired;
  for (const auto& [fd, c] : connections_) {
    if (c.waiting && c.deadline <= now) expired.push_back(fd);
  }
  for (int fd : expired) CloseLocked(fd);
}

void ConnectionGate::ReadHead(int fd) {
  std::string head;
  Arrival arrival = Arrival::kOther;
  {
    // recv under the lock: the descriptor cannot be closed and reused meanwhile.
    std::lock_guard lock(mutex_);
    auto it = connections_.find(fd);
    if (it == connections_.end() || !it->second.waiting) return;
    char buffer[4096];
    ssize_t n = ::recv(fd, buffer, sizeof buffer, MSG_DONTWAIT);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return;
    if (n <= 0) return CloseLocked(fd);
    Connection& c = it->second;
    c.head.append(buffer, static_cast<size_t>(n));
    if (!HeaderComplete(c.head) && c.head.size() < kMaxHead) return;
    arrival = ArrivalOf(c.head);
    if (arrival == Arrival::kBodyToCome) {
      auto now = SteadyClock::now();
      if (!c.body_deadline) c.body_deadline = now + kBodyGrace;
      if (now < *c.body_deadline) return;  // Run lends it to a worker when the grace is over
    }
    head = TakeHeadLocked(c);
  }
  Lend(fd, std::move(head), arrival == Arrival::kWhole ? *quick_workers_ : *workers_);
}

std::string ConnectionGate::TakeHeadLocked(Connection& c) {
  c.waiting = false;
  c.body_deadline.reset();
  std::string head = std::move(c.head);
  c.head.clear();
  return head;
}

void ConnectionGate::Lend(int fd, std::string head, httplib::ThreadPool& pool) {
  pool.enqueue([this, fd, head = std::move(head)]() mutable { serve_(fd, std::move(head)); });
}

void ConnectionGate::Run() {
  std::vector<pollfd> fds;
  std::vector<std::pair<int, std::string>> overdue;  // bodies whose grace is over
  while (true) {
    fds.assign(1, pollfd{wake_[0], POLLIN, 0});
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
      ExpireLocked();
      auto now = SteadyClock::now();
      for (auto& [fd, c] : connections_) {
        if (!c.waiting) continue;
        if (c.body_deadline && *c.body_deadline <= now) {
          overdue.emplace_back(fd, TakeHeadLocked(c));
        } else {
          fds.push_back(pollfd{fd, POLLIN, 0});
        }
      }
    }
    for (auto& [fd, head] : overdue) Lend(fd, std::move(head), *workers_);
    overdue.clear();
    // The timeout only paces the expiry of waiting connections.
    int n = ::poll(fds.data(), fds.size(), 100);
    if (n <= 0) continue;
    if (fds[0].revents != 0) {
      char drain[64];
      while (::read(wake_[0], drain, sizeof drain) > 0) {
      }
    }
    for (size_t i = 1; i < fds.size(); ++i) {
      if (fds[i].revents != 0) ReadHead(fds[i].fd);
    }
  }
}

void ConnectionGate::Stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
    std::vector<int> waiting;
    for (const auto& [fd, c] : connections_) {
      if (c.waiting) {
        waiting.push_back(fd);
      } else {
        // Its worker sees the end of the stream and closes it.
        ::shutdown(fd, SHUT_RDWR);
      }
    }
    for (int fd : waiting) CloseLocked(fd);
  }
  Wake();
  if (thread_.joinable()) thread_.join();
  workers_->shutdown();
  quick_workers_->shutdown();
}

}  // namespace qf::web::internal
