// The seams between mixerd's queue and the protocol sides, so that the SMTP
// server/client (smtp/) and the P1 responder/initiator (x400/p1) plug in
// without the queue knowing any protocol, and the mapping layer supplies
// reports without knowing the spool.
//
//  inbound:  a listener builds a queue::Record (mapping already applied or
//            deferred to delivery time - its choice, recorded in attrs) and
//            calls MessageIntake::accept; it sends SMTP 250 / the RTSE
//            transfer confirmation only from the callback, when the message
//            is durable (gateway/queue/spool.hpp).
//  outbound: the queue manager calls Transport::deliver for the due
//            recipients of one message; the transport reports one outcome
//            per recipient (delivered / temporary / permanent + diagnostic).
//            It must call `done` exactly once, from any thread.
//  reports:  for each ReportNeeded the queue manager asks the ReportFactory
//            for a new Record (a DSN towards SMTP, a DR/NDR towards X.400)
//            and stores it like any arrival before it forgets the event.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "gateway/queue/schedule.hpp"
#include "gateway/queue/spool.hpp"

namespace mixer::daemon {

class MessageIntake {
 public:
  virtual ~MessageIntake() = default;
  virtual void accept(queue::Record record, queue::Spool::Accepted done) = 0;
};

struct DeliveryRequest {
  queue::Record record;                  // a copy: the transport may keep it across threads
  std::vector<std::size_t> recipients;   // indices of the due recipients
};

class Transport {
 public:
  using Done = std::function<void(std::vector<queue::RecipientOutcome>)>;
  virtual ~Transport() = default;
  // The concurrency key for this request (a route name, the SMTP next hop).
  virtual std::string destination(const DeliveryRequest& request) const = 0;
  virtual void deliver(DeliveryRequest request, Done done) = 0;
};

class ReportFactory {
 public:
  virtual ~ReportFactory() = default;
  virtual Result<queue::Record, std::string> make_report(const queue::Record& subject,
                                                         const queue::ReportNeeded& need) = 0;
};

}  // namespace mixer::daemon
