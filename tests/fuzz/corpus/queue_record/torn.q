MIXERQ 1
id AB
arrival 1
direction smtp-x400
originator a@b
rcpt pending 0 0 - x %
content 9

ab