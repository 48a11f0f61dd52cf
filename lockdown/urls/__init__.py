"""Every rule about URLs, in one place.

    transport.py   which URLs lockdown itself may fetch (https, or http on loopback)
    policy.py      the exam's allow and block rules (start and quit URL, SEB URL filter rules)
    navigation.py  the browser's verdict for each navigation, frame and sub-resource
"""
