MIXERQ 1
id AB
arrival 1
direction smtp-x400
originator a@b
rcpt failed 1 0 r x %
content 3

abcMIXEREND
