// DeadlineStream: reads and writes of one request, bounded by the request's deadline.
#include "web/internal/deadline_stream.h"

#include <arpa/inet.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cstring>

namespace qf::web::internal {
namespace {

void AddressOf(const sockaddr_storage& addr, std::string& ip, int& port) {
  char text[INET6_ADDRSTRLEN] = {};
  if (addr.ss_family == AF_INET) {
    const auto* in = reinterpret_cast<const sockaddr_in*>(&addr);
    inet_ntop(AF_INET, &in->sin_addr, text, sizeof text);
    port = ntohs(in->sin_port);
  } else if (addr.ss_family == AF_INET6) {
    const auto* in6 = reinterpret_cast<const sockaddr_in6*>(&addr);
    inet_ntop(AF_INET6, &in6->sin6_addr, text, sizeof text);
    port = ntohs(in6->sin6_port);
  }
  ip = text;
}

}  // namespace

DeadlineStream::DeadlineStream(int fd, Clock::time_point deadline,
                               std::chrono::milliseconds io_timeout, std::string prefix)
    : fd_(fd), deadline_(deadline), io_timeout_(io_timeout), prefix_(std::move(prefix)) {}

bool DeadlineStream::Wait(short events) const {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - Clock::now());
  auto wait = std::min(left, io_timeout_);
  if (wait.count() <= 0) return false;
  pollfd p{fd_, events, 0};
  int n = 0;
  do {
    n = ::poll(&p, 1, static_cast<int>(wait.count()));
  } while (n < 0 && errno == EINTR);
  return n > 0 && (p.revents & (events | POLLHUP | POLLERR)) != 0;
}

bool DeadlineStream::is_readable() const { return HasBuffered() || Wait(POLLIN); }

bool DeadlineStream::is_writable() const { return Wait(POLLOUT); }

ssize_t DeadlineStream::read(char* ptr, size_t size) {
  if (prefix_offset_ < prefix_.size()) {
    size_t n = std::min(size, prefix_.size() - prefix_offset_);
    std::memcpy(ptr, prefix_.data() + prefix_offset_, n);
    prefix_offset_ += n;
    return static_cast<ssize_t>(n);
  }
  if (offset_ >= size_) {
    if (!Wait(POLLIN)) return -1;
    ssize_t n = 0;
    do {
      n = ::recv(fd_, buffer_.data(), buffer_.size(), 0);
    } while (n < 0 && errno == EINTR);
    if (n <= 0) return n;
    offset_ = 0;
    size_ = static_cast<size_t>(n);
  }
  size_t n = std::min(size, size_ - offset_);
  std::memcpy(ptr, buffer_.data() + offset_, n);
  offset_ += n;
  return static_cast<ssize_t>(n);
}

ssize_t DeadlineStream::write(const char* ptr, size_t size) {
  if (!Wait(POLLOUT)) return -1;
  ssize_t n = 0;
  do {
    n = ::send(fd_, ptr, size, MSG_NOSIGNAL);
  } while (n < 0 && errno == EINTR);
  return n;
}

void DeadlineStream::get_remote_ip_and_port(std::string& ip, int& port) const {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  if (::getpeername(fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) AddressOf(addr, ip, port);
}

void DeadlineStream::get_local_ip_and_port(std::string& ip, int& port) const {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  if (::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) AddressOf(addr, ip, port);
}

std::string PeerAddress(int fd) {
  std::string ip;
  int port = 0;
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  if (::getpeername(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) AddressOf(addr, ip, port);
  return ip;
}

}  // namespace qf::web::internal
