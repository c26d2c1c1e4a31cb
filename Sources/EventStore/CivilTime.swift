/// A UTC instant split into calendar fields, with exact conversions both ways.
///
/// Formatting and parsing timestamps is on the hot path of exports and every API response, so it uses
/// the proleptic Gregorian day arithmetic directly instead of `Calendar` and `DateFormatter`.
struct CivilTime: Equatable {
    var year: Int64
    var month: Int64
    var day: Int64
    var hour: Int64
    var minute: Int64
    var second: Int64
    var microsecond: Int64

    init(_ timestamp: Timestamp) {
        let micros = timestamp.microsecondsSinceEpoch
        let (seconds, fraction) = micros.floorDivided(by: 1_000_000)
        let (days, secondOfDay) = seconds.floorDivided(by: 86_400)
        (year, month, day) = CivilTime.civil(fromDays: days)
        hour = secondOfDay / 3_600
        minute = secondOfDay % 3_600 / 60
        second = secondOfDay % 60
        microsecond = fraction
    }

    var timestamp: Timestamp {
        let days = CivilTime.days(fromCivil: year, month, day)
        let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second
        return Timestamp(microsecondsSinceEpoch: seconds * 1_000_000 + microsecond)
    }

    /// `YYYY-MM-DD`, the separator, `HH:MM:SS.ffffff` and the suffix, written digit by digit: every answer
    /// with a time in it makes one of these.
    func formatted(dateTimeSeparator: UInt8, suffix: UInt8?) -> String {
        // A year needs at most 6 digits and a sign (Int64 microseconds reach about 292,000).
        String(unsafeUninitializedCapacity: 32) { text in
            var count = 0
            func append(_ byte: UInt8) {
                text[count] = byte
                count += 1
            }
            func append(_ value: Int64, digits width: Int) {
                if value < 0 { append(UInt8(ascii: "-")) }
                var magnitude = value.magnitude
                var digits = 1
                while magnitude >= 10 {
                    magnitude /= 10
                    digits += 1
                }
                let total = max(width, digits)
                magnitude = value.magnitude
                for place in stride(from: count + total - 1, through: count, by: -1) {
                    text[place] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                    magnitude /= 10
                }
                count += total
            }
            append(year, digits: 4)
            append(UInt8(ascii: "-"))
            append(month, digits: 2)
            append(UInt8(ascii: "-"))
            append(day, digits: 2)
            append(dateTimeSeparator)
            append(hour, digits: 2)
            append(UInt8(ascii: ":"))
            append(minute, digits: 2)
            append(UInt8(ascii: ":"))
            append(second, digits: 2)
            append(UInt8(ascii: "."))
            append(microsecond, digits: 6)
            if let suffix { append(suffix) }
            return count
        }
    }

    init?(parsing text: some StringProtocol) {
        let bytes = Array(text.utf8)
        var reader = DigitReader(bytes: bytes)
        guard let year = reader.number(digits: 4), reader.skip("-"),
              let month = reader.number(digits: 2), reader.skip("-"),
              let day = reader.number(digits: 2), reader.skip("T") || reader.skip(" "),
              let hour = reader.number(digits: 2), reader.skip(":"),
              let minute = reader.number(digits: 2), reader.skip(":"),
              let second = reader.number(digits: 2)
        else { return nil }
        var microsecond: Int64 = 0
        if reader.skip(".") {
            guard let fraction = reader.fraction(maxDigits: 6) else { return nil }
            microsecond = fraction
        }
        _ = reader.skip("Z")
        guard reader.atEnd, (1...12).contains(month), hour < 24, minute < 60, second < 60,
              day >= 1, day <= CivilTime.daysIn(month: month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.microsecond = microsecond
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    private static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The inverse of `days(fromCivil:)` (Howard Hinnant's `civil_from_days`).
    private static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPrime = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
        let month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

/// Reads fixed-width decimal fields off the front of a byte array.
private struct DigitReader {
    let bytes: [UInt8]
    var index = 0

    var atEnd: Bool { index == bytes.count }

    mutating func skip(_ character: Character) -> Bool {
        guard index < bytes.count, let ascii = character.asciiValue, bytes[index] == ascii else { return false }
        index += 1
        return true
    }

    mutating func number(digits: Int) -> Int64? {
        guard index + digits <= bytes.count else { return nil }
        var value: Int64 = 0
        for byte in bytes[index..<index + digits] {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int64(byte - 0x30)
        }
        index += digits
        return value
    }

    /// One to `maxDigits` digits after a decimal point, scaled to that many places.
    mutating func fraction(maxDigits: Int) -> Int64? {
        var value: Int64 = 0
        var count = 0
        while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
            guard count < maxDigits else { return nil }
            value = value * 10 + Int64(bytes[index] - 0x30)
            count += 1
            index += 1
        }
        guard count > 0 else { return nil }
        for _ in count..<maxDigits { value *= 10 }
        return value
    }
}

extension Int64 {
    /// Division rounding toward negative infinity, with a non-negative remainder.
    func floorDivided(by divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let quotient = self / divisor
        let remainder = self % divisor
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }
}
