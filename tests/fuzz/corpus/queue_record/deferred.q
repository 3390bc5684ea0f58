MIXERQ 1
id 0005F3A2B1C4D00010ABCD
arrival 1763900000
direction x400-smtp
originator /C=XX/ADMD=%20/PRMD=MIXER/S=Smith/
attr ENVID env%201
rcpt deferred 3 1763900600 w bob@example.org 451%204.4.1
rcpt pending 0 0 - alice@example.org %
rattr 1 NOTIFY FAILURE,DELAY
content 12

hello world
MIXEREND
