import EventStore
import Fixtures
import Foundation
import Projections
import Testing

private func at(_ text: String) -> Timestamp {
    Timestamp(iso8601: text) ?? Timestamp(microsecondsSinceEpoch: 0)
}

private let auckland = TimeZone(identifier: "Pacific/Auckland") ?? .gmt
private let team = ["ana", "ben", "cai", "dee"]

/// Weekly shifts handing over on Mondays at 09:00 in Auckland.
private let weekly = Rotation(
    members: team, firstHandoff: at("2026-03-29T20:00:00Z"), shiftLength: .days(7), timeZone: auckland)

private func window(_ user: String, _ kind: AvailabilityKind, _ start: String, _ end: String) -> AvailabilityWindow {
    AvailabilityWindow(userID: user, kind: kind, start: at(start), end: at(end))
}

@Suite("On-call policy")
struct OnCallPolicyTests {
    @Test("hand-offs stay at 09:00 local time across the end of daylight saving")
    func handoffsKeepLocalTime() {
        // 2026-03-30 09:00 NZDT is 2026-03-29 20:00Z; NZ leaves daylight saving on 2026-04-05, so the next
        // Monday 09:00 NZST is 2026-04-05 21:00Z.
        #expect(weekly.handoff(0) == at("2026-03-29T20:00:00Z"))
        #expect(weekly.handoff(1) == at("2026-04-05T21:00:00Z"))
        #expect(weekly.shift(at: at("2026-04-05T20:59:59Z")) == 0)
        #expect(weekly.shift(at: at("2026-04-05T21:00:00Z")) == 1)
        #expect(weekly.shift(at: at("2026-03-29T19:59:59Z")) == -1)
        #expect(weekly.memberIndex(ofShift: -1) == 3)
        let hourly = Rotation(members: team, firstHandoff: at("2026-01-01T00:00:00Z"), shiftLength: .hours(12), timeZone: .gmt)
        #expect(hourly.shift(at: at("2026-01-03T11:59:59Z")) == 4)
    }

    @Test("the rotation's turn, unless unavailable; overrides and pager requests come first")
    func precedence() {
        let noon = at("2026-04-08T00:00:00Z")  // shift 1: ben's week
        var decision = OnCallPolicy.decide(weekly, overrides: [], availability: [], at: noon)
        #expect(decision.onCall == "ben")
        #expect(decision.reason == .rotation(position: 1))
        #expect(decision.escalation == ["ben", "cai", "dee", "ana"])

        let benAway = window("ben", .hardUnavailable, "2026-04-07T00:00:00Z", "2026-04-09T00:00:00Z")
        let caiReluctant = window("cai", .softUnavailable, "2026-04-01T00:00:00Z", "2026-04-30T00:00:00Z")
        decision = OnCallPolicy.decide(weekly, overrides: [], availability: [benAway, caiReluctant], at: noon)
        #expect(decision.onCall == "dee")
        #expect(decision.escalation == ["dee", "ana", "cai"])
        #expect(decision.skipped == [.init(userID: "ben", reason: .hardUnavailable), .init(userID: "cai", reason: .softUnavailable)])

        let anaRequests = window("ana", .requestedPager, "2026-04-07T00:00:00Z", "2026-04-08T12:00:00Z")
        decision = OnCallPolicy.decide(weekly, overrides: [], availability: [benAway, anaRequests], at: noon)
        #expect(decision.onCall == "ana")
        #expect(decision.reason == .requestedPager)

        let override = ScheduleOverride(userID: "zed", start: at("2026-04-07T00:00:00Z"), end: at("2026-04-09T00:00:00Z"))
        decision = OnCallPolicy.decide(weekly, overrides: [override], availability: [anaRequests], at: noon)
        #expect(decision.onCall == "zed")
        #expect(decision.reason == .override)
        #expect(decision.escalation.first == "zed" && decision.escalation.dropFirst().first == "ana")

        let zedAway = window("zed", .hardUnavailable, "2026-04-01T00:00:00Z", "2026-05-01T00:00:00Z")
        decision = OnCallPolicy.decide(weekly, overrides: [override], availability: [zedAway], at: noon)
        #expect(decision.onCall == "ben")
    }

    @Test("a rotation in which nobody can be on call says so instead of choosing someone")
    func nobodyAvailable() {
        let everyoneAway = team.map { window($0, .hardUnavailable, "2026-04-01T00:00:00Z", "2026-05-01T00:00:00Z") }
        let decision = OnCallPolicy.decide(weekly, overrides: [], availability: everyoneAway, at: at("2026-04-08T00:00:00Z"))
        #expect(decision.onCall == nil)
        #expect(decision.reason == .nobodyAvailable)
        #expect(decision.escalation.isEmpty)
        #expect(Set(decision.skipped.map(\.userID)) == Set(team))
        let empty = Rotation(members: [], firstHandoff: at("2026-01-01T00:00:00Z"), shiftLength: .days(1), timeZone: .gmt)
        #expect(OnCallPolicy.decide(empty, overrides: [], availability: [], at: at("2026-04-08T00:00:00Z")).reason == .nobodyAvailable)
    }

    @Test("properties over random schedules: nobody hard_unavailable is ever chosen or escalated to while anyone else can be")
    func properties() {
        var random = SplitMix64(state: 0x5EED)
        let people = ["p0", "p1", "p2", "p3", "p4", "p5"]
        let start = at("2026-01-01T00:00:00Z").microsecondsSinceEpoch
        let day: Int64 = 86_400_000_000
        for _ in 0..<2_000 {
            let members = (0..<Int.random(in: 1...6, using: &random)).map { _ in people.randomElement(using: &random) ?? "p0" }
            let rotation = Rotation(
                members: members, firstHandoff: Timestamp(microsecondsSinceEpoch: start + Int64.random(in: 0..<day, using: &random)),
                shiftLength: Bool.random(using: &random) ? .days(Int.random(in: 1...7, using: &random)) : .hours(Int.random(in: 1...24, using: &random)),
                timeZone: auckland)
            func instant() -> Timestamp { Timestamp(microsecondsSinceEpoch: start + Int64.random(in: -10 * day..<60 * day, using: &random)) }
            let availability = (0..<Int.random(in: 0...10, using: &random)).map { _ in
                let from = instant()
                return AvailabilityWindow(
                    userID: people.randomElement(using: &random) ?? "p0", kind: AvailabilityKind.allCases.randomElement(using: &random) ?? .hardUnavailable,
                    start: from, end: Timestamp(microsecondsSinceEpoch: from.microsecondsSinceEpoch + Int64.random(in: 1..<20 * day, using: &random)))
            }
            let overrides = (0..<Int.random(in: 0...2, using: &random)).map { _ in
                let from = instant()
                return ScheduleOverride(userID: people.randomElement(using: &random) ?? "p0", start: from, end: Timestamp(microsecondsSinceEpoch: from.microsecondsSinceEpoch + 3 * day))
            }
            let moment = instant()
            let decision = OnCallPolicy.decide(rotation, overrides: overrides, availability: availability, at: moment)
            let hard = Set(availability.filter { $0.kind == .hardUnavailable && $0.covers(moment) }.map(\.userID))
            let candidates = Set(members + overrides.filter { $0.covers(moment) }.map(\.userID)).subtracting(hard)

            #expect(decision.escalation.allSatisfy { !hard.contains($0) })
            #expect(Set(decision.escalation) == candidates)
            #expect(decision.escalation.count == Set(decision.escalation).count)
            #expect((decision.onCall == nil) == candidates.isEmpty)
            #expect((decision.reason == .nobodyAvailable) == candidates.isEmpty)
            #expect(rotation.handoff(decision.shift) <= moment && moment < rotation.handoff(decision.shift + 1))
        }
    }
}
